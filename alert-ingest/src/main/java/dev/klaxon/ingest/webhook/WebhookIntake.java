package dev.klaxon.ingest.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.IntegrationService;
import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.messaging.AlertPublisher;
import dev.klaxon.ingest.webhook.parser.PayloadException;
import dev.klaxon.ingest.webhook.parser.PayloadParser;
import dev.klaxon.ingest.webhook.parser.WebhookRequest;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The path of every webhook: find the integration by key, check the sender's signature, read the body as its
 * sender's format, and make the resulting alerts durable in Kafka before answering. Nothing is acknowledged that
 * is not on the topic.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    /** What a sender is told about accepted alerts. */
    public record Accepted(String status, int count, List<String> alertIds, @JsonIgnore List<NormalizedAlert> alerts) {
    }

    private final IntegrationService integrations;
    private final AlertPublisher publisher;
    private final Map<SourceType, PayloadParser> parsers;
    private final Clock clock;
    private final BodyReader reader = new BodyReader();

    public WebhookIntake(IntegrationService integrations, AlertPublisher publisher, Instance<PayloadParser> parsers,
            Clock clock) {
        this.integrations = integrations;
        this.publisher = publisher;
        this.parsers = parsers.stream().collect(Collectors.toMap(PayloadParser::sourceType, Function.identity()));
        this.clock = clock;
    }

    /** True when this source type has a webhook parser. */
    public boolean supports(SourceType type) {
        return parsers.containsKey(type);
    }

    /** A webhook whose integration key is in its URL. */
    public Uni<Accepted> accept(SourceType type, String key, RawRequest raw) {
        return accept(type, raw, body -> key);
    }

    /** A webhook whose integration key is inside its body (PagerDuty's {@code routing_key}). */
    public Uni<Accepted> accept(SourceType type, RawRequest raw, Function<JsonNode, String> keyOf) {
        PayloadParser parser = parsers.get(type);
        if (parser == null) {
            return Uni.createFrom().failure(new ProblemException(404, "No webhook for source type " + type.path(),
                    null));
        }
        Instant receivedAt = clock.instant();
        JsonNode body;
        String key;
        try {
            body = reader.read(raw);
            key = keyOf.apply(body);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        WebhookRequest request = new WebhookRequest(body, raw.body() == null ? "" : raw.body(), raw.headers(),
                raw.query());
        return integrations.byKey(key).flatMap(integration -> {
            checkType(integration, type);
            parser.authenticate(request, integration);
            if (body.isMissingNode() && raw.query().isEmpty()) {
                throw new PayloadException("body", "is empty; a JSON document is required");
            }
            List<NormalizedAlert> alerts = parser.parse(request, integration, receivedAt);
            return publisher.publish(alerts)
                    .onFailure().transform(e -> {
                        LOG.warnf("alerts from integration %s could not be made durable: %s", integration.id(),
                                e.getMessage());
                        return ProblemException.unavailable("Alert could not be made durable; retry later",
                                "The message broker did not acknowledge the alert in time.", 5);
                    })
                    .map(x -> new Accepted(alerts.isEmpty() ? "ignored" : "accepted", alerts.size(),
                            alerts.stream().map(NormalizedAlert::alertId).toList(), alerts));
        });
    }

    private static void checkType(Integration integration, SourceType type) {
        if (integration.sourceType() != type) {
            throw new ProblemException(400, "This integration key belongs to a " + integration.sourceType().path()
                    + " integration", integration.sourceType() == SourceType.PAGERDUTY ? "Post to /v2/enqueue."
                            : "Post to /webhooks/" + integration.sourceType().path() + "/{key}.");
        }
    }
}
