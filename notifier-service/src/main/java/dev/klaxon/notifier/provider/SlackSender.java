package dev.klaxon.notifier.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.config.NotifierConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.message.MessageRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slack through the Web API's {@code chat.postMessage}: a Block Kit message with the incident's severity, title,
 * service and links, and Acknowledge / Resolve buttons while it is open. Slack answers 200 with {@code ok:false}
 * for logical errors; {@code ratelimited} is retried.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    private final ProviderHttp http;
    private final NotifierConfig.Slack config;

    public SlackSender(ProviderHttp http, NotifierConfig config) {
        this.http = http;
        this.config = config.providers().slack();
    }

    @Override
    public ContactType channel() {
        return ContactType.SLACK;
    }

    @Override
    public Uni<SendResult> send(Delivery delivery, NotificationRequested n) {
        if (config.botToken().isEmpty()) {
            return Uni.createFrom().item(SendResult.failed("Slack is not configured (KLAXON_SLACK_BOT_TOKEN)"));
        }
        String body = EventJson.write(message(delivery.address(), n));
        return http.post(config.apiUrl() + "/chat.postMessage", Map.of("Authorization", "Bearer "
                + config.botToken().get(), "Content-Type", "application/json; charset=utf-8"), body)
                .map(this::result)
                .onFailure().recoverWithItem(e -> ProviderHttp.unreachable("Slack", e));
    }

    private SendResult result(ProviderHttp.Answer a) {
        if (a.status() / 100 != 2) {
            return ProviderHttp.unsuccessful("Slack", a);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(a.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return SendResult.retry("Slack answered with unreadable JSON", null);
        }
        if (json.path("ok").asBoolean(false)) {
            return SendResult.delivered(json.path("channel").asText("") + "/" + json.path("ts").asText(""));
        }
        String error = json.path("error").asText("unknown_error");
        return error.equals("ratelimited") || error.equals("internal_error") || error.equals("service_unavailable")
                ? SendResult.retry("Slack: " + error, a.retryAfter()) : SendResult.failed("Slack: " + error);
    }

    /** The chat.postMessage body: fallback text and Block Kit blocks. */
    static Map<String, Object> message(String channel, NotificationRequested n) {
        IncidentSummary i = n.incident();
        String subject = MessageRenderer.subject(n);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", abbreviate(subject, 150))));
        if (n.kind() == NotificationKind.ESCALATED) {
            blocks.add(section("*Escalated to you* (step " + (i.escalationStep() + 1) + "): nobody has acknowledged "
                    + "yet."));
        }
        List<Object> fields = new ArrayList<>();
        fields.add(Map.of("type", "mrkdwn", "text", "*Severity*\n" + MessageRenderer.severity(i.severity())));
        fields.add(Map.of("type", "mrkdwn", "text", "*Status*\n" + status(n)));
        if (i.service() != null) {
            fields.add(Map.of("type", "mrkdwn", "text", "*Service*\n" + i.service()));
        }
        fields.add(Map.of("type", "mrkdwn", "text", "*Incident*\n" + i.reference()));
        blocks.add(Map.of("type", "section", "fields", fields));
        if (i.description() != null && !i.description().isBlank()) {
            blocks.add(section(abbreviate(i.description(), 2900)));
        }
        if (!i.links().isEmpty()) {
            StringBuilder links = new StringBuilder();
            i.links().forEach(l -> links.append(links.length() == 0 ? "" : " · ").append("<").append(l.href())
                    .append("|").append(l.text() == null ? l.rel() : l.text()).append(">"));
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                    abbreviate(links.toString(), 2900)))));
        }
        if (n.kind() == NotificationKind.TRIGGERED || n.kind() == NotificationKind.ESCALATED) {
            blocks.add(Map.of("type", "actions", "block_id", "incident_actions", "elements", List.of(
                    button("Acknowledge", "incident_acknowledge", i, "primary"),
                    button("Resolve", "incident_resolve", i, "danger"))));
        }
        return Map.of("channel", channel, "text", subject + " — " + status(n), "blocks", blocks,
                "unfurl_links", false);
    }

    private static String status(NotificationRequested n) {
        return switch (n.kind()) {
            case RESOLVED -> "RESOLVED";
            case ACKNOWLEDGED -> "Acknowledged" + (n.incident().acknowledgedBy() == null ? ""
                    : " by " + n.incident().acknowledgedBy());
            case ESCALATED -> "Escalated, investigating";
            default -> "Investigating";
        };
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", markdown));
    }

    private static Map<String, Object> button(String label, String actionId, IncidentSummary i, String style) {
        return Map.of("type", "button", "action_id", actionId, "style", style, "value", i.incidentId().toString(),
                "text", Map.of("type", "plain_text", "text", label));
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
