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
 * Sentry integration-platform webhooks ({@code issue}, {@code event_alert}, {@code metric_alert}, {@code error};
 * {@code installation} and {@code comment} are answered and ignored) and the legacy webhooks plugin. An issue's
 * events share the identity {@code issue:<id>}; a metric alert's is {@code metric:<incident id>}. The severity of a
 * metric alert comes from its {@code action}, never from {@code metric_alert.status}.
 */
@ApplicationScoped
public class SentryParser implements PayloadParser {

    static final String SIGNATURE = "Sentry-Hook-Signature";

    @Override
    public SourceType sourceType() {
        return SourceType.SENTRY;
    }

    /** With a client secret, {@code Sentry-Hook-Signature} must be the hex HMAC-SHA256 of the raw body. */
    @Override
    public void authenticate(WebhookRequest request, Integration integration) {
        if (integration.secret() == null) {
            return;
        }
        String given = request.header(SIGNATURE);
        if (given == null) {
            throw new Unauthenticated(SIGNATURE + " is required: this integration has a client secret");
        }
        if (!Payloads.sameSecret(Payloads.hmacSha256Hex(integration.secret(), request.rawBody()),
                given.toLowerCase(Locale.ROOT))) {
            throw new Unauthenticated(SIGNATURE + " is not the HMAC-SHA256 of the body with the client secret");
        }
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        JsonNode data = body.get("data");
        String resource = resource(request.header("Sentry-Hook-Resource"), body, data);
        String action = Payloads.text(body, "action", "");
        Alert a = switch (resource) {
            case "installation", "comment", "seer", "preprod_artifact", "issue_alert_rule", "alert_rule_action" -> null;
            case "issue" -> issue(data, action);
            case "event_alert" -> eventAlert(data);
            case "metric_alert" -> metricAlert(data, action);
            case "error" -> error(data);
            case "legacy" -> legacy(body);
            default -> throw new PayloadException("Sentry-Hook-Resource", "is not a Sentry resource Klaxon knows: "
                    + resource);
        };
        if (a == null) {
            return List.of();
        }
        return List.of(alert(integration, receivedAt).dedupKey(a.dedupKey).status(a.status).title(a.title)
                .description(a.description).severityHint(a.severity).labels(a.labels).links(a.links).build());
    }

    /** What one Sentry message says, before it becomes a canonical alert. */
    private record Alert(String dedupKey, AlertStatus status, String title, String description, String severity,
            Map<String, String> labels, List<Link> links) {
    }

    private static String resource(String header, JsonNode body, JsonNode data) {
        if (header != null && !header.isBlank()) {
            return header.trim().toLowerCase(Locale.ROOT);
        }
        if (data != null && data.isObject()) {
            for (String r : List.of("issue", "metric_alert", "error", "comment", "installation")) {
                if (data.has(r)) {
                    return r;
                }
            }
            if (data.has("event")) {
                return "event_alert";
            }
        }
        if (body.has("id") && (body.has("project_slug") || body.has("project")) && body.has("event")) {
            return "legacy";
        }
        throw new PayloadException("Sentry-Hook-Resource", "is missing and the body is not a Sentry webhook");
    }

    private static Alert issue(JsonNode data, String action) {
        JsonNode issue = object(data, "issue", "data.issue");
        String id = required(issue, "id", "data.issue.");
        AlertStatus status = switch (action == null ? "" : action) {
            case "created", "unresolved", "assigned" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            case "ignored", "archived" -> AlertStatus.ACKNOWLEDGED;
            default -> throw new PayloadException("action", "must be created, resolved, assigned, ignored, archived "
                    + "or unresolved for an issue");
        };
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "project", Payloads.at(issue, "project", "slug"));
        put(labels, "short_id", Payloads.text(issue, "shortId", "data.issue."));
        put(labels, "sentry_action", action);
        put(labels, "assigned_to", Payloads.at(issue, "assignedTo", "name"));
        List<Link> links = new ArrayList<>();
        link(links, "source", Payloads.firstOf(Payloads.text(issue, "web_url", "data.issue."),
                Payloads.text(issue, "permalink", "data.issue.")), "Sentry issue");
        String level = Payloads.text(issue, "level", "data.issue.");
        return new Alert("issue:" + id, status, Payloads.firstOf(Payloads.text(issue, "title", "data.issue."),
                "Sentry issue " + id), Payloads.text(issue, "culprit", "data.issue."), level, labels, links);
    }

    private static Alert eventAlert(JsonNode data) {
        JsonNode event = object(data, "event", "data.event");
        String issueId = Payloads.firstOf(Payloads.text(event, "issue_id", "data.event."),
                Payloads.text(event, "event_id", "data.event."));
        if (issueId == null) {
            throw new PayloadException("data.event.issue_id", "is required");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "project", Payloads.text(event, "project", "data.event."));
        put(labels, "triggered_rule", Payloads.text(data, "triggered_rule", "data."));
        put(labels, "environment", Payloads.text(event, "environment", "data.event."));
        List<Link> links = new ArrayList<>();
        link(links, "source", Payloads.firstOf(Payloads.text(event, "web_url", "data.event."),
                Payloads.text(event, "issue_url", "data.event.")), "Sentry event");
        return new Alert("issue:" + issueId, AlertStatus.FIRING, Payloads.firstOf(
                Payloads.text(event, "title", "data.event."), Payloads.text(event, "message", "data.event."),
                "Sentry issue " + issueId), Payloads.text(event, "culprit", "data.event."),
                Payloads.text(event, "level", "data.event."), labels, links);
    }

    private static Alert metricAlert(JsonNode data, String action) {
        JsonNode alert = object(data, "metric_alert", "data.metric_alert");
        String id = required(alert, "id", "data.metric_alert.");
        AlertStatus status = switch (action == null ? "" : action) {
            case "critical", "warning" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new PayloadException("action", "must be critical, warning or resolved for a metric alert");
        };
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "alert_rule", Payloads.at(alert, "alert_rule", "name"));
        put(labels, "alert_rule_id", Payloads.at(alert, "alert_rule", "id"));
        List<Link> links = new ArrayList<>();
        link(links, "source", Payloads.text(data, "web_url", "data."), "Sentry metric alert");
        return new Alert("metric:" + id, status, Payloads.firstOf(Payloads.text(data, "description_title", "data."),
                Payloads.text(alert, "title", "data.metric_alert."), Payloads.at(alert, "alert_rule", "name"),
                "Sentry metric alert " + id), Payloads.text(data, "description_text", "data."),
                status == AlertStatus.FIRING ? action : null, labels, links);
    }

    private static Alert error(JsonNode data) {
        JsonNode error = object(data, "error", "data.error");
        String issueId = required(error, "issue_id", "data.error.");
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "project", Payloads.text(error, "project", "data.error."));
        List<Link> links = new ArrayList<>();
        link(links, "source", Payloads.firstOf(Payloads.text(error, "web_url", "data.error."),
                Payloads.text(error, "issue_url", "data.error.")), "Sentry error");
        return new Alert("issue:" + issueId, AlertStatus.FIRING, Payloads.firstOf(
                Payloads.text(error, "title", "data.error."), "Sentry error in issue " + issueId),
                Payloads.text(error, "culprit", "data.error."), Payloads.text(error, "level", "data.error."), labels,
                links);
    }

    private static Alert legacy(JsonNode body) {
        String id = required(body, "id", "");
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "project", Payloads.firstOf(Payloads.text(body, "project_slug", ""),
                Payloads.text(body, "project", "")));
        List<Link> links = new ArrayList<>();
        link(links, "source", Payloads.text(body, "url", ""), "Sentry issue");
        return new Alert("issue:" + id, AlertStatus.FIRING, Payloads.firstOf(Payloads.at(body, "event", "title"),
                Payloads.text(body, "message", ""), Payloads.text(body, "culprit", ""), "Sentry issue " + id),
                Payloads.text(body, "culprit", ""), Payloads.text(body, "level", ""), labels, links);
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || !v.isObject()) {
            throw new PayloadException(path, "must be an object");
        }
        return v;
    }

    private static String required(JsonNode node, String field, String path) {
        return Payloads.requiredText(node, field, path);
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }

    private static void link(List<Link> links, String rel, String href, String text) {
        if (href != null && !href.isBlank()) {
            links.add(new Link(rel, href, text));
        }
    }
}
