package dev.klaxon.ingest.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.AlertStatus;
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

    /**
     * What a sender is told about accepted alerts.
     *
     * @param notApplied acknowledgements the sender reported that this integration does not apply (its
     *        {@code acknowledgeIncidents} is off); recorded in the request log, not put on the topic
     */
    public record Accepted(String status, int count, List<String> alertIds, @JsonIgnore List<NormalizedAlert> alerts,
            @JsonIgnore int notApplied) {
    }

    private final IntegrationService integrations;
    private final AlertPublisher publisher;
    private final Map<SourceType, PayloadParser> parsers;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final RequestLog requestLog;
    private final BodyReader reader = new BodyReader();

    public WebhookIntake(IntegrationService integrations, AlertPublisher publisher, Instance<PayloadParser> parsers,
            RateLimiter rateLimiter, RequestLog requestLog, Clock clock) {
        this.integrations = integrations;
        this.publisher = publisher;
        this.rateLimiter = rateLimiter;
        this.requestLog = requestLog;
        this.parsers = parsers.stream().collect(Collectors.toMap(PayloadParser::sourceType, Function.identity()));
        this.clock = clock;
    }

    /** True when this source type has a webhook parser. */
    public boolean supports(SourceType type) {
        return parsers.containsKey(type);
    }

    /** A webhook whose integration key is in its URL: the integration is found first, so every outcome is logged. */
    public Uni<Accepted> accept(SourceType type, String key, RawRequest raw) {
        return accept(type, raw, key, () -> reader.read(raw));
    }

    /** A webhook whose integration key is inside its body (PagerDuty's {@code routing_key}). */
    public Uni<Accepted> accept(SourceType type, RawRequest raw, Function<JsonNode, String> keyOf) {
        JsonNode body;
        String key;
        try {
            body = reader.read(raw);
            key = keyOf.apply(body);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return accept(type, raw, key, () -> body);
    }

    private Uni<Accepted> accept(SourceType type, RawRequest raw, String key, Supplier<JsonNode> body) {
        PayloadParser parser = parsers.get(type);
        if (parser == null) {
            return Uni.createFrom().failure(new ProblemException(404, "No webhook for source type " + type.path(),
                    null));
        }
        Instant receivedAt = clock.instant();
        return integrations.byKey(key).flatMap(integration -> Uni.createFrom()
                .deferred(() -> process(parser, type, integration, body, raw, receivedAt))
                .onItemOrFailure().invoke((accepted, failure) -> log(integration, raw, receivedAt, accepted,
                        failure)));
    }

    private Uni<Accepted> process(PayloadParser parser, SourceType type, Integration integration,
            Supplier<JsonNode> body, RawRequest raw, Instant receivedAt) {
        checkType(integration, type);
        int wait = rateLimiter.retryAfterSeconds(integration.id());
        if (wait > 0) {
            throw ProblemException.tooManyRequests("Too many requests for this integration; retry later", wait);
        }
        WebhookRequest request = new WebhookRequest(body.get(), raw.body() == null ? "" : raw.body(), raw.headers(),
                raw.query());
        parser.authenticate(request, integration);
        if (request.body().isMissingNode() && raw.query().isEmpty()) {
            throw new PayloadException("body", "is empty; a JSON document is required");
        }
        List<NormalizedAlert> parsed = parser.parse(request, integration, receivedAt);
        List<NormalizedAlert> alerts = integration.acknowledgeIncidents() ? parsed
                : parsed.stream().filter(a -> a.status() != AlertStatus.ACKNOWLEDGED).toList();
        int notApplied = parsed.size() - alerts.size();
        return publisher.publish(alerts)
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.warnf("alerts from integration %s could not be made durable (answered 503; the producer "
                            + "gave them up, so they are not written later): %s", integration.id(), reason(e));
                    return ProblemException.unavailable("Alert could not be made durable; retry later",
                            "The message broker did not acknowledge the alert in time.", 5);
                })
                .map(x -> new Accepted(alerts.isEmpty() ? "ignored" : "accepted", alerts.size(),
                        alerts.stream().map(NormalizedAlert::alertId).toList(), alerts, notApplied));
    }

    private void log(Integration integration, RawRequest raw, Instant at, Accepted accepted, Throwable failure) {
        int status;
        String outcome;
        if (failure == null) {
            status = 202;
            outcome = accepted.notApplied() > 0
                    ? "acknowledgement not applied: this integration's acknowledgeIncidents is off"
                    : accepted.count() == 0 ? "ignored: the message carries no alert to page on"
                            : "accepted " + accepted.count() + " alert(s)";
            String truncated = accepted.alerts().stream()
                    .map(a -> a.annotations().get(PayloadParser.TRUNCATED_ALERTS)).filter(t -> t != null)
                    .findFirst().orElse(null);
            if (truncated != null) {
                outcome += "; the sender left " + truncated + " more alert(s) of this group out (truncatedAlerts)";
                LOG.infof("integration %s: the sender left %s alert(s) out of a notification (truncatedAlerts); "
                        + "raise its max_alerts to receive them all", integration.id(), truncated);
            }
        } else if (failure instanceof ProblemException p) {
            status = p.problem().status();
            outcome = p.problem().title() + (p.problem().detail() == null ? "" : ": " + p.problem().detail());
        } else {
            status = 500;
            outcome = "internal error";
        }
        requestLog.record(integration.id(), at, raw.method(), raw.headers(), raw.body(), status, outcome,
                accepted == null ? List.of() : accepted.alertIds());
    }

    /** The real reason a send failed, from the first cause that says something. */
    static String reason(Throwable e) {
        Throwable t = e instanceof io.smallrye.mutiny.CompositeException c && !c.getCauses().isEmpty()
                ? c.getCauses().get(0) : e;
        StringBuilder why = new StringBuilder();
        for (int depth = 0; t != null && depth < 4; t = t.getCause(), depth++) {
            why.append(depth == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                why.append(": ").append(t.getMessage());
            }
        }
        return why.toString();
    }

    private static void checkType(Integration integration, SourceType type) {
        if (integration.sourceType() != type) {
            throw new ProblemException(400, "This integration key belongs to a " + integration.sourceType().path()
                    + " integration", integration.sourceType() == SourceType.PAGERDUTY ? "Post to /v2/enqueue."
                            : "Post to /webhooks/" + integration.sourceType().path() + "/{key}.");
        }
    }
}
