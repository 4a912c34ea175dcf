package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Uptime Kuma webhook notifications: heartbeat status 0 DOWN pages, 1 UP resolves, 2 PENDING (still retrying) and
 * 3 MAINTENANCE page nobody; the Test button and certificate notices (null heartbeat) are answered and ignored.
 * Identity is the monitor id.
 */
@ApplicationScoped
public class UptimeKumaParser implements PayloadParser {

    @Override
    public SourceType sourceType() {
        return SourceType.UPTIME_KUMA;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode heartbeat = jsonField(body, "heartbeat");
        JsonNode monitor = jsonField(body, "monitor");
        if (heartbeat == null || heartbeat.isNull()) {
            return List.of(); // a test message or certificate notice: nothing to page
        }
        if (!heartbeat.isObject()) {
            throw new PayloadException("heartbeat", "must be an object");
        }
        JsonNode status = heartbeat.get("status");
        if (status == null || !(status.isInt() || status.isTextual() && status.asText().matches("[0-3]"))) {
            throw new PayloadException("heartbeat.status", "must be 0 (down), 1 (up), 2 (pending) or 3 (maintenance)");
        }
        AlertStatus alertStatus = switch (status.asInt()) {
            case 0 -> AlertStatus.FIRING;
            case 1 -> AlertStatus.RESOLVED;
            default -> null;
        };
        if (alertStatus == null) {
            return List.of();
        }
        boolean hasMonitor = monitor != null && monitor.isObject();
        String monitorId = Payloads.firstOf(hasMonitor ? Payloads.text(monitor, "id", "monitor.") : null,
                Payloads.text(heartbeat, "monitorID", "heartbeat."),
                hasMonitor ? Payloads.text(monitor, "name", "monitor.") : null);
        if (monitorId == null) {
            throw new PayloadException("monitor.id", "is required to tell monitors apart");
        }
        String name = Payloads.firstOf(hasMonitor ? Payloads.text(monitor, "name", "monitor.") : null,
                "monitor " + monitorId);
        Map<String, String> labels = new LinkedHashMap<>();
        if (hasMonitor) {
            putIf(labels, "monitor_type", Payloads.text(monitor, "type", "monitor."));
            putIf(labels, "hostname", Payloads.text(monitor, "hostname", "monitor."));
        }
        List<Link> links = new ArrayList<>();
        String url = hasMonitor ? Payloads.text(monitor, "url", "monitor.") : null;
        if (url != null && !url.isBlank() && !url.equals("https://")) {
            links.add(new Link("monitored", url, name));
        }
        String message = Payloads.firstOf(Payloads.text(heartbeat, "msg", "heartbeat."), Payloads.text(body, "msg", ""));
        return List.of(alert(integration, receivedAt).dedupKey("monitor:" + monitorId).status(alertStatus)
                .title(name + (alertStatus == AlertStatus.FIRING ? " is down" : " is up")).description(message)
                .labels(labels).links(links).occurredAt(Payloads.lenientInstant(heartbeat, "time", receivedAt))
                .build());
    }

    /** A field that may be an object, or (multipart and GET variants) a JSON document inside a string. */
    private static JsonNode jsonField(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && v.isTextual()) {
            try {
                return dev.klaxon.events.EventJson.mapper().readTree(v.asText());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new PayloadException(field, "must be a JSON object");
            }
        }
        return v;
    }

    private static void putIf(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }
}
