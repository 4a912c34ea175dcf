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
 * Grafana unified alerting webhooks ({@code version: "1"}), every link and numeric value kept, and legacy Grafana
 * notifications ({@code state} alerting/ok; pending, paused and no_data page nobody).
 */
@ApplicationScoped
public class GrafanaParser extends PrometheusStyleParser {

    static final String SIGNATURE = "X-Grafana-Alerting-Signature";
    static final String TIMESTAMP = "X-Grafana-Alerting-Timestamp";

    @Override
    public SourceType sourceType() {
        return SourceType.GRAFANA;
    }

    /**
     * With a secret, the request must carry either Grafana's HMAC signature (hex HMAC-SHA256 of
     * {@code [timestamp:]body}) or an Authorization header holding the secret (Bearer, or Basic password).
     */
    @Override
    public void authenticate(WebhookRequest request, Integration integration) {
        String secret = integration.secret();
        if (secret == null) {
            return;
        }
        String signature = request.header(SIGNATURE);
        if (signature != null) {
            String ts = request.header(TIMESTAMP);
            String signed = ts == null ? request.rawBody() : ts + ":" + request.rawBody();
            if (Payloads.sameSecret(Payloads.hmacSha256Hex(secret, signed), signature.toLowerCase(Locale.ROOT))) {
                return;
            }
            throw new Unauthenticated(SIGNATURE + " is not the HMAC-SHA256 of the body with this integration's secret");
        }
        String auth = request.header("Authorization");
        if (auth != null) {
            String[] parts = auth.trim().split("\\s+", 2);
            String credential = parts.length == 2 ? parts[1] : parts[0];
            if (parts[0].equalsIgnoreCase("basic") && parts.length == 2) {
                try {
                    String decoded = new String(java.util.Base64.getDecoder().decode(credential),
                            java.nio.charset.StandardCharsets.UTF_8);
                    credential = decoded.substring(decoded.indexOf(':') + 1);
                } catch (IllegalArgumentException e) {
                    credential = "";
                }
            }
            if (Payloads.sameSecret(secret, credential)) {
                return;
            }
        }
        throw new Unauthenticated("Send " + SIGNATURE + " or an Authorization header with the integration's secret");
    }

    @Override
    protected String sourceName() {
        return "Grafana";
    }

    /**
     * Grafana sends a relative {@code generatorURL} for some alerts (contact-point tests send {@code ?orgId=1}); it
     * is relative to Grafana's own {@code externalURL}, so the two are joined into a link that works from a page.
     * An absolute one, or one without a usable {@code externalURL}, is kept as sent.
     */
    @Override
    protected String generatorUrl(String generatorUrl, String externalUrl) {
        if (generatorUrl == null || generatorUrl.isBlank() || externalUrl == null
                || !externalUrl.matches("(?i)https?://[^\\s]+") || generatorUrl.matches("(?i)[a-z][a-z0-9+.-]*:.*") || generatorUrl.startsWith("//")) {
            return generatorUrl;
        }
        String url = generatorUrl.trim();
        if (url.startsWith("?") || url.startsWith("#")) {
            // the query of Grafana's home page: keep externalURL's path as it is
            return externalUrl + url;
        }
        String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        return base + "/" + (url.startsWith("/") ? url.substring(1) : url);
    }

    @Override
    protected void addExtraLinks(List<Link> links, JsonNode a, String path) {
        addLink(links, "dashboard", Payloads.text(a, "dashboardURL", path), "Dashboard");
        addLink(links, "panel", Payloads.text(a, "panelURL", path), "Panel");
        addLink(links, "silence", Payloads.text(a, "silenceURL", path), "Silence");
        addLink(links, "image", Payloads.text(a, "imageURL", path), "Image");
    }

    @Override
    protected Map<String, Double> values(JsonNode alert) {
        return Payloads.numberMap(alert, "values");
    }

    /** Legacy (pre-unified) Grafana: one rule per request, {@code state} alerting/ok. */
    @Override
    protected List<NormalizedAlert> withoutAlertsArray(JsonNode body, Integration integration, Instant receivedAt) {
        String state = Payloads.text(body, "state", "");
        if (state == null) {
            throw new PayloadException("alerts", "must be an array of alerts (or, for legacy Grafana, state)");
        }
        AlertStatus status = switch (state.toLowerCase(Locale.ROOT)) {
            case "alerting" -> AlertStatus.FIRING;
            case "ok" -> AlertStatus.RESOLVED;
            case "pending", "paused", "no_data", "nodata", "unknown" -> null;
            default -> throw new PayloadException("state", "must be alerting, ok, pending, paused or no_data");
        };
        if (status == null) {
            return List.of();
        }
        Map<String, String> tags = Payloads.stringMap(body, "tags", "");
        String ruleId = Payloads.text(body, "ruleId", "");
        String dedup = "rule:" + Payloads.firstOf(Payloads.text(body, "orgId", ""), "0") + ":"
                + Payloads.firstOf(ruleId, Payloads.text(body, "ruleName", ""), "unknown") + ":"
                + Payloads.firstOf(Payloads.text(body, "dashboardId", ""), "") + ":"
                + Payloads.firstOf(Payloads.text(body, "panelId", ""), "");
        Map<String, Double> values = new LinkedHashMap<>();
        JsonNode matches = body.get("evalMatches");
        if (matches != null && matches.isArray()) {
            for (JsonNode m : matches) {
                if (m.isObject() && m.path("value").isNumber()) {
                    values.put(m.path("metric").asText("value"), m.get("value").asDouble());
                }
            }
        }
        List<Link> links = new ArrayList<>();
        addLink(links, "generator", Payloads.text(body, "ruleUrl", ""), "Rule");
        addLink(links, "image", Payloads.text(body, "imageUrl", ""), "Image");
        String title = Payloads.firstOf(Payloads.text(body, "ruleName", ""), Payloads.text(body, "title", ""),
                "Grafana alert");
        return List.of(alert(integration, receivedAt).dedupKey(dedup).status(status).title(title)
                .description(Payloads.text(body, "message", "")).severityHint(tags.get("severity")).labels(tags)
                .links(links).values(values).build());
    }
}
