package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PagerDuty Events API v2 events: trigger (payload with summary, source and severity required; a dedup key is
 * generated when absent), acknowledge and resolve (dedup key required, payload not).
 */
@ApplicationScoped
public class PagerDutyParser implements PayloadParser {

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    @Override
    public SourceType sourceType() {
        return SourceType.PAGERDUTY;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        String action = Payloads.text(body, "event_action", "");
        if (action == null) {
            throw new PayloadException("event_action", "is required (trigger, acknowledge or resolve); change "
                    + "events and Events API v1 bodies are not alerts");
        }
        String dedupKey = Payloads.text(body, "dedup_key", "");
        if (dedupKey != null && dedupKey.length() > 255) {
            throw new PayloadException("dedup_key", "must be at most 255 characters");
        }
        return switch (action) {
            case "trigger" -> List.of(trigger(body, dedupKey, integration, receivedAt));
            case "acknowledge", "resolve" -> {
                if (dedupKey == null || dedupKey.isBlank()) {
                    throw new PayloadException("dedup_key", "is required to " + action);
                }
                yield List.of(alert(integration, receivedAt).dedupKey(dedupKey)
                        .status(action.equals("resolve") ? AlertStatus.RESOLVED : AlertStatus.ACKNOWLEDGED)
                        .title("PagerDuty " + action + " of " + dedupKey).build());
            }
            default -> throw new PayloadException("event_action", "must be trigger, acknowledge or resolve");
        };
    }

    private NormalizedAlert trigger(JsonNode body, String dedupKey, Integration integration, Instant receivedAt) {
        JsonNode payload = body.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new PayloadException("payload", "is required for a trigger");
        }
        String summary = Payloads.requiredText(payload, "summary", "payload.");
        if (summary.length() > 1024) {
            throw new PayloadException("payload.summary", "must be at most 1024 characters");
        }
        String source = Payloads.requiredText(payload, "source", "payload.");
        String severity = Payloads.requiredText(payload, "severity", "payload.");
        if (!SEVERITIES.contains(severity)) {
            throw new PayloadException("payload.severity", "must be critical, error, warning or info");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("source", source);
        for (String f : List.of("component", "group", "class")) {
            String v = Payloads.text(payload, f, "payload.");
            if (v != null) {
                labels.put(f, v);
            }
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode details = payload.get("custom_details");
        if (details != null && details.isObject()) {
            details.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        List<Link> links = new ArrayList<>();
        addLinks(body, "links", "href", links);
        addLinks(body, "images", "src", links);
        String key = dedupKey == null || dedupKey.isBlank() ? generatedKey() : dedupKey;
        return alert(integration, receivedAt).dedupKey(key).status(AlertStatus.FIRING).title(summary)
                .description(details == null || details.isNull() ? null : details.toString()).severityHint(severity)
                .labels(labels).annotations(annotations).links(links)
                .occurredAt(Payloads.instant(payload, "timestamp", "payload.", receivedAt)).build();
    }

    private static void addLinks(JsonNode body, String field, String hrefField, List<Link> links) {
        JsonNode list = body.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode l : list) {
            String href = l.isObject() ? Payloads.firstOf(Payloads.at(l, hrefField), Payloads.at(l, "href")) : null;
            if (href != null) {
                links.add(new Link(field.equals("images") ? "image" : "link", href, Payloads.at(l, "text")));
            }
        }
    }

    private static String generatedKey() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
