package dev.klaxon.ingest.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.IntegrationService;
import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.messaging.AlertPublisher;
import dev.klaxon.ingest.webhook.parser.PayloadException;
import dev.klaxon.ingest.webhook.parser.PayloadParser;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The path of every webhook: find the integration by key, read the body as its sender's format, and make the
 * resulting alerts durable in Kafka before answering. Nothing is acknowledged that is not on the topic.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    /** Deeper JSON than any real sender posts is refused rather than parsed. */
    static final int MAX_NESTING = 32;

    /** What a sender is told about accepted alerts. */
    public record Accepted(String status, int count, List<String> alertIds) {
    }

    private final IntegrationService integrations;
    private final AlertPublisher publisher;
    private final Map<SourceType, PayloadParser> parsers;
    private final Clock clock;
    private final ObjectMapper mapper;

    public WebhookIntake(IntegrationService integrations, AlertPublisher publisher, Instance<PayloadParser> parsers,
            Clock clock) {
        this.integrations = integrations;
        this.publisher = publisher;
        this.parsers = parsers.stream().collect(Collectors.toMap(PayloadParser::sourceType, Function.identity()));
        this.clock = clock;
        this.mapper = new ObjectMapper();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength(1_000_000).build());
    }

    /** True when this source type has a parser. */
    public boolean supports(SourceType type) {
        return parsers.containsKey(type);
    }

    public Uni<Accepted> accept(SourceType type, String key, String body) {
        PayloadParser parser = parsers.get(type);
        if (parser == null) {
            return Uni.createFrom().failure(new ProblemException(404, "No webhook for source type " + type.path(),
                    null));
        }
        Instant receivedAt = clock.instant();
        return integrations.byKey(key).flatMap(integration -> {
            checkType(integration, type);
            List<NormalizedAlert> alerts = parser.parse(readJson(body), integration, receivedAt);
            return publisher.publish(alerts)
                    .onFailure().transform(e -> {
                        LOG.warnf("alerts from integration %s could not be made durable: %s", integration.id(),
                                e.getMessage());
                        return unavailable();
                    })
                    .map(x -> new Accepted("accepted", alerts.size(),
                            alerts.stream().map(NormalizedAlert::alertId).toList()));
        });
    }

    private static void checkType(Integration integration, SourceType type) {
        if (integration.sourceType() != type) {
            throw new ProblemException(400, "This integration key belongs to a " + integration.sourceType().path()
                    + " integration", "Post to /webhooks/" + integration.sourceType().path() + "/{key}.");
        }
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw new PayloadException("body", "is empty; a JSON document is required");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new PayloadException("body", "is empty; a JSON document is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            throw new PayloadException("body", "is not valid JSON: "
                    + (message.length() > 160 ? message.substring(0, 160) + "…" : message));
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Alert could not be made durable; retry later",
                "The message broker did not acknowledge the alert in time.", 5);
    }
}
