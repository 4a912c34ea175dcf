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

/**
 * The shape Alertmanager (webhook {@code version: "4"}) and Grafana unified alerting ({@code version: "1"}) share:
 * a group of alerts, each with its own status, labels, annotations and fingerprint. The status of each alert is
 * its own: a group's status never stands for its alerts, and state is never inferred from {@code endsAt}.
 */
abstract class PrometheusStyleParser implements PayloadParser {

    /** Annotation added to every alert of a request whose sender left alerts out: how many it left out. */
    static final String TRUNCATED_ALERTS = PayloadParser.TRUNCATED_ALERTS;

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || alerts.isNull()) {
            return withoutAlertsArray(body, integration, receivedAt);
        }
        if (!alerts.isArray()) {
            throw new PayloadException("alerts", "must be an array of alerts");
        }
        long truncated = truncatedAlerts(body);
        List<NormalizedAlert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "].";
            JsonNode a = alerts.get(i);
            if (!a.isObject()) {
                throw new PayloadException("alerts[" + i + "]", "must be an object");
            }
            out.add(alert(a, path, body, integration, receivedAt, truncated));
        }
        return out;
    }

    /**
     * How many alerts the sender left out of this request ({@code truncatedAlerts}, when its {@code max_alerts}
     * limit was hit); 0 when absent. A value that is not a count is ignored rather than costing the alerts that came.
     */
    private static long truncatedAlerts(JsonNode body) {
        JsonNode v = body.get("truncatedAlerts");
        if (v == null) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            return Math.max(0, v.asLong());
        }
        if (v.isTextual() && v.asText().trim().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText().trim());
        }
        return 0;
    }

    private NormalizedAlert alert(JsonNode a, String path, JsonNode group, Integration integration,
            Instant receivedAt, long truncated) {
        // each alert's own status is authoritative; only an alert without one takes the group's
        String own = Payloads.text(a, "status", path);
        String rawStatus = own != null ? own : Payloads.text(group, "status", "");
        if (rawStatus == null) {
            throw new PayloadException(path + "status", "is required (firing or resolved)");
        }
        AlertStatus status = switch (rawStatus.toLowerCase(Locale.ROOT)) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new PayloadException(own != null ? path + "status" : "status",
                    "must be firing or resolved");
        };
        Map<String, String> labels = Payloads.stringMap(a, "labels", path);
        Map<String, String> annotations = Payloads.stringMap(a, "annotations", path);
        if (truncated > 0) {
            // every alert of the request says the group it came in was incomplete
            annotations.put(TRUNCATED_ALERTS, Long.toString(truncated));
        }
        String fingerprint = Payloads.text(a, "fingerprint", path);
        String dedupKey = fingerprint != null && !fingerprint.isBlank() ? fingerprint
                : Payloads.labelsFingerprint(labels);
        String alertname = labels.get("alertname");
        String summary = annotations.get("summary");
        if (alertname == null) {
            alertname = Payloads.stringMap(group, "commonLabels", "").get("alertname");
        }
        String title = alertname != null ? alertname : summary != null ? summary : fallbackTitle(group);
        List<String> descriptionParts = new ArrayList<>();
        if (summary != null && !summary.equals(title)) {
            descriptionParts.add(summary);
        }
        if (annotations.get("description") != null) {
            descriptionParts.add(annotations.get("description"));
        }
        Instant starts = Payloads.lenientInstant(a, "startsAt", receivedAt);
        Instant ends = Payloads.lenientInstant(a, "endsAt", receivedAt);
        List<Link> links = new ArrayList<>();
        addLink(links, "generator", generatorUrl(Payloads.text(a, "generatorURL", path),
                Payloads.text(group, "externalURL", "")), "Source");
        addExtraLinks(links, a, path);
        addLink(links, "external", Payloads.text(group, "externalURL", ""), sourceName());
        return alert(integration, receivedAt).dedupKey(dedupKey).status(status).title(title)
                .description(descriptionParts.isEmpty() ? null : String.join("\n", descriptionParts))
                .severityHint(labels.get("severity")).labels(labels).annotations(annotations).links(links)
                .values(values(a)).occurredAt(status == AlertStatus.RESOLVED ? ends : starts).build();
    }

    /** A body without an {@code alerts} array: a 400 here; Grafana reads its legacy format instead. */
    protected List<NormalizedAlert> withoutAlertsArray(JsonNode body, Integration integration, Instant receivedAt) {
        throw new PayloadException("alerts", "must be an array of alerts");
    }

    /** Title for an alert with neither alertname nor summary. */
    private String fallbackTitle(JsonNode group) {
        String title = Payloads.text(group, "title", "");
        return title != null && !title.isBlank() ? title : sourceName() + " alert";
    }

    /**
     * The link to the alert's rule as given; Grafana overrides this to join a relative one with its own URL.
     *
     * @param externalUrl the sender's {@code externalURL}, may be null
     */
    protected String generatorUrl(String generatorUrl, String externalUrl) {
        return generatorUrl;
    }

    /** Sender-specific links (Grafana's dashboard, panel, silence, image). */
    protected void addExtraLinks(List<Link> links, JsonNode alert, String path) {
    }

    /** Sender-specific numeric values (Grafana's {@code values}). */
    protected Map<String, Double> values(JsonNode alert) {
        return Map.of();
    }

    protected abstract String sourceName();

    protected static void addLink(List<Link> links, String rel, String href, String text) {
        if (href != null && !href.isBlank()) {
            links.add(new Link(rel, href, text));
        }
    }
}
