package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * UptimeRobot alert contacts, whether the variables arrive as a query string, a form or JSON, under the documented
 * camelCase names or the snake_case ones users configure: alertType "1" down pages, "2" up resolves, "3" (SSL
 * expiry) raises a warning. Values are strings; HTML entities are decoded; unfilled {@code *placeholders*} are
 * dropped. Identity is the monitor id, else its URL, else its name.
 */
@ApplicationScoped
public class UptimeRobotParser implements PayloadParser {

    @Override
    public SourceType sourceType() {
        return SourceType.UPTIMEROBOT;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        Map<String, String> v = new HashMap<>(request.query());
        JsonNode body = request.body();
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        } else if (body != null && !body.isMissingNode() && !body.isNull()) {
            throw new PayloadException("body", "must be a JSON object, a form or empty (query string)");
        }
        String type = get(v, "alertType");
        String friendly = get(v, "alertTypeFriendlyName");
        AlertStatus status;
        String severity = null;
        if ("1".equals(type) || type == null && "down".equalsIgnoreCase(friendly)) {
            status = AlertStatus.FIRING;
        } else if ("2".equals(type) || type == null && "up".equalsIgnoreCase(friendly)) {
            status = AlertStatus.RESOLVED;
        } else if ("3".equals(type)) {
            status = AlertStatus.FIRING;
            severity = "warning";
        } else {
            throw new PayloadException("alertType", "must be 1 (down), 2 (up) or 3 (SSL expiry)");
        }
        String id = get(v, "monitorID");
        String url = get(v, "monitorURL");
        String name = Payloads.htmlDecode(get(v, "monitorFriendlyName"));
        String identity = Payloads.firstOf(id, url, name);
        if (identity == null) {
            throw new PayloadException("monitorID", "is required (or monitorURL / monitorFriendlyName)");
        }
        String label = Payloads.firstOf(name, url, "monitor " + id);
        String title = label + switch (type == null ? friendly.toLowerCase(Locale.ROOT) : type) {
            case "1", "down" -> " is down";
            case "2", "up" -> " is up";
            default -> ": SSL certificate expiring";
        };
        Map<String, String> labels = new LinkedHashMap<>();
        if (id != null) {
            labels.put("monitor_id", id);
        }
        List<Link> links = new ArrayList<>();
        if (url != null && url.matches("(?i)https?://.+")) {
            links.add(new Link("monitored", url, label));
        }
        String at = get(v, "alertDateTime");
        Instant occurredAt = at != null && at.matches("\\d{9,11}") ? Instant.ofEpochSecond(Long.parseLong(at))
                : receivedAt;
        return List.of(alert(integration, receivedAt).dedupKey((id != null ? "monitor:" : "monitor-url:") + identity)
                .status(status).title(title).description(Payloads.htmlDecode(get(v, "alertDetails")))
                .severityHint(severity).labels(labels).links(links).occurredAt(occurredAt).build());
    }

    /** A variable under its camelCase or snake_case name, without unfilled {@code *placeholder*} values. */
    private static String get(Map<String, String> v, String camel) {
        String snake = camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String value = Payloads.firstOf(v.get(camel), v.get(snake), v.get(camel.toLowerCase(Locale.ROOT)),
                v.get(snake.replace("_i_d", "_id")));
        if (value == null || value.isBlank() || value.matches("\\*[A-Za-z]+\\*")) {
            return null;
        }
        return value.trim();
    }
}
