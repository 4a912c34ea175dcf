package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Better Stack (Better Uptime) incident webhooks: {@code event} started pages, acknowledged is recorded,
 * resolved resolves; identity is the incident's {@code data.id}. Monitor lifecycle webhooks (created, updated…)
 * and status-page subscriber webhooks are answered and ignored: they are not incidents.
 */
@ApplicationScoped
public class BetterStackParser implements PayloadParser {

    @Override
    public SourceType sourceType() {
        return SourceType.BETTER_STACK;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode data = body.path("data");
        if (!data.isObject() || !"incident".equals(data.path("type").asText())) {
            return List.of(); // a monitor lifecycle or status-page webhook
        }
        String event = Payloads.requiredText(body, "event", "").toLowerCase(Locale.ROOT);
        AlertStatus status = switch (event) {
            case "started" -> AlertStatus.FIRING;
            case "acknowledged" -> AlertStatus.ACKNOWLEDGED;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> null;
        };
        if (status == null) {
            return List.of();
        }
        String id = Payloads.requiredText(data, "id", "data.");
        // absent or not an object: no attributes (text() of a missing node is null)
        JsonNode attributes = data.path("attributes").isObject() ? data.path("attributes")
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        String name = Payloads.text(attributes, "name", "data.attributes.");
        String cause = Payloads.text(attributes, "cause", "data.attributes.");
        String url = Payloads.text(attributes, "url", "data.attributes.");
        String title = Payloads.firstOf(name, url, "Better Stack incident " + id)
                + (cause == null || cause.isBlank() ? "" : ": " + cause);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("incident_id", id);
        String monitor = Payloads.at(data, "relationships", "monitor", "data", "id");
        if (monitor != null) {
            labels.put("monitor_id", monitor);
        }
        String method = Payloads.text(attributes, "http_method", "data.attributes.");
        if (method != null) {
            labels.put("http_method", method);
        }
        List<Link> links = new ArrayList<>();
        if (url != null && url.matches("(?i)https?://.+")) {
            links.add(new Link("monitored", url, Payloads.firstOf(name, url)));
        }
        String at = switch (status) {
            case FIRING -> "started_at";
            case ACKNOWLEDGED -> "acknowledged_at";
            case RESOLVED -> "resolved_at";
        };
        // the documented example's times are not in order: each event keeps its own time, nothing is compared
        Instant occurred = Payloads.lenientInstant(attributes, at, receivedAt);
        return List.of(alert(integration, receivedAt).dedupKey("incident:" + id).status(status).title(title)
                .description(cause).labels(labels).links(links).occurredAt(occurred).build());
    }
}
