package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.List;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;

/** Reads one sender's webhook body into canonical alerts; one per source alert, none for test or no-op messages. */
public interface PayloadParser {

    /**
     * Annotation on each alert of a Grafana or Alertmanager request that said {@code truncatedAlerts > 0}: the
     * number of alerts of the same group the sender did not include (its {@code max_alerts} limit).
     */
    String TRUNCATED_ALERTS = "klaxon.truncatedAlerts";

    SourceType sourceType();

    /**
     * Checks the sender's signature or credentials when the integration has a secret.
     *
     * @throws dev.klaxon.kit.rest.ProblemException 401 when they do not match
     */
    default void authenticate(WebhookRequest request, Integration integration) {
    }

    /**
     * @return the canonical alerts; empty for messages that are answered but page nobody (tests, no-op states)
     * @throws PayloadException naming the field when the body is not this sender's format
     */
    List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt);

    /**
     * An alert of this sender through this integration, received now: a fresh alert id, the source type, the
     * integration's id, service and name, the sender's name, and the time (the parser sets a better occurredAt when
     * the sender says when it happened).
     */
    default NormalizedAlert.Builder alert(Integration integration, Instant receivedAt) {
        return NormalizedAlert.builder().alertId(java.util.UUID.randomUUID().toString())
                .sourceType(sourceType().path()).integrationId(integration.id().toString())
                .service(integration.service()).integrationName(integration.name()).senderName(sourceType().label())
                .at(receivedAt);
    }
}
