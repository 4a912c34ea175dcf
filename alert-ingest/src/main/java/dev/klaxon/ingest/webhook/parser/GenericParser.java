package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
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
 * Klaxon's own alert shape, for scripts: one object or {@code {"alerts": [...]}} of objects with {@code title}
 * (required), {@code status} (firing | resolved | acknowledged, default firing), {@code dedupKey} (default: the
 * title), {@code description}, {@code severity}, {@code labels}, {@code annotations}, {@code values},
 * {@code links} [{href, text}] and {@code occurredAt}.
 */
@ApplicationScoped
public class GenericParser implements PayloadParser {

    @Override
    public SourceType sourceType() {
        return SourceType.GENERIC;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null) {
            return List.of(alert(body, "", integration, receivedAt));
        }
        if (!alerts.isArray()) {
            throw new PayloadException("alerts", "must be an array");
        }
        List<NormalizedAlert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (!alerts.get(i).isObject()) {
                throw new PayloadException("alerts[" + i + "]", "must be an object");
            }
            out.add(alert(alerts.get(i), "alerts[" + i + "].", integration, receivedAt));
        }
        return out;
    }

    private NormalizedAlert alert(JsonNode a, String path, Integration integration, Instant receivedAt) {
        String title = Payloads.requiredText(a, "title", path);
        String rawStatus = Payloads.text(a, "status", path);
        AlertStatus status = switch (rawStatus == null ? "firing" : rawStatus.toLowerCase(Locale.ROOT)) {
            case "firing", "trigger", "triggered", "open", "problem" -> AlertStatus.FIRING;
            case "resolved", "resolve", "ok", "closed" -> AlertStatus.RESOLVED;
            case "acknowledged", "acknowledge", "ack" -> AlertStatus.ACKNOWLEDGED;
            default -> throw new PayloadException(path + "status", "must be firing, resolved or acknowledged");
        };
        String dedupKey = Payloads.text(a, "dedupKey", path);
        if (dedupKey != null && dedupKey.length() > 255) {
            throw new PayloadException(path + "dedupKey", "must be at most 255 characters");
        }
        Map<String, String> labels = Payloads.stringMap(a, "labels", path);
        List<Link> links = new ArrayList<>();
        JsonNode rawLinks = a.get("links");
        if (rawLinks != null && !rawLinks.isNull()) {
            if (!rawLinks.isArray()) {
                throw new PayloadException(path + "links", "must be an array of {href, text}");
            }
            for (int i = 0; i < rawLinks.size(); i++) {
                JsonNode l = rawLinks.get(i);
                if (!l.isObject()) {
                    throw new PayloadException(path + "links[" + i + "]", "must be an object with href");
                }
                links.add(new Link("link", Payloads.requiredText(l, "href", path + "links[" + i + "]."),
                        Payloads.text(l, "text", path + "links[" + i + "].")));
            }
        }
        String severity = Payloads.text(a, "severity", path);
        return alert(integration, receivedAt).dedupKey(dedupKey == null || dedupKey.isBlank() ? title : dedupKey)
                .status(status).title(title).description(Payloads.text(a, "description", path))
                .severityHint(severity != null ? severity : labels.get("severity")).labels(labels)
                .annotations(Payloads.stringMap(a, "annotations", path)).links(links)
                .values(Payloads.numberMap(a, "values")).occurredAt(Payloads.instant(a, "occurredAt", path, receivedAt))
                .build();
    }
}
