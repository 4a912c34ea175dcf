package dev.klaxon.notifier.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.message.MessageRenderer;

/**
 * The {@code chat.postMessage} body of a notification: fallback text, and Block Kit blocks with a header, the
 * severity / service / status fields, the links, and Acknowledge / Resolve buttons while the incident is open.
 * The buttons' {@code action_id}s and value (the incident id) are what {@code POST /slack/interactions} reads back.
 */
public final class SlackMessage {

    public static final String ACKNOWLEDGE_ACTION = "incident_acknowledge";
    public static final String RESOLVE_ACTION = "incident_resolve";
    /** The message metadata's event type; its payload names the delivery, so a crash can be reconciled with Slack. */
    public static final String METADATA_EVENT = "klaxon_delivery";

    private static final int HEADER_MAX = 150;
    private static final int TEXT_MAX = 2900;

    private SlackMessage() {
    }

    /**
     * The message for a notification whose subject line and status (in the runbooks' words) are rendered, tagged in
     * its metadata with the delivery it is (found again with {@code conversations.history} after a crash).
     */
    public static Map<String, Object> of(String channel, NotificationRequested n, String subject, String status,
            java.util.UUID deliveryId) {
        IncidentSummary i = n.incident();
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(abbreviate(subject, HEADER_MAX))));
        if (n.kind() == NotificationKind.ESCALATED) {
            blocks.add(section(":rotating_light: *Escalated to you* (step " + (i.escalationStep() + 1)
                    + "): nobody has acknowledged yet."));
        }
        List<Object> fields = new ArrayList<>();
        fields.add(markdown("*Severity*\n" + MessageRenderer.severity(i.severity())));
        if (i.service() != null && !i.service().isBlank()) {
            fields.add(markdown("*Service*\n" + escape(i.service())));
        }
        fields.add(markdown("*Status*\n" + escape(status)));
        fields.add(markdown("*Incident*\n" + i.reference()));
        blocks.add(Map.of("type", "section", "fields", fields));
        if (i.description() != null && !i.description().isBlank()) {
            blocks.add(section(abbreviate(escape(i.description()), TEXT_MAX)));
        }
        StringBuilder links = new StringBuilder();
        i.links().stream().filter(l -> l.href() != null && !l.href().isBlank()).forEach(l -> links
                .append(links.length() == 0 ? "" : "  |  ").append('<').append(l.href().replace("|", "%7C"))
                .append('|').append(escape(l.text() != null ? l.text() : l.rel() != null ? l.rel() : l.href()))
                .append('>'));
        if (links.length() > 0) {
            blocks.add(Map.of("type", "context", "elements", List.of(markdown(abbreviate(links.toString(),
                    TEXT_MAX)))));
        }
        List<Object> buttons = new ArrayList<>();
        boolean open = n.kind() != NotificationKind.RESOLVED && !"RESOLVED".equalsIgnoreCase(i.status());
        boolean acknowledged = n.kind() == NotificationKind.ACKNOWLEDGED || "ACKNOWLEDGED".equalsIgnoreCase(
                i.status()) && n.kind() == NotificationKind.UPDATE;
        if (open && !acknowledged) {
            buttons.add(button("Acknowledge", ACKNOWLEDGE_ACTION, i, "primary"));
        }
        if (open) {
            buttons.add(button("Resolve", RESOLVE_ACTION, i, null));
        }
        if (!buttons.isEmpty()) {
            blocks.add(Map.of("type", "actions", "block_id", "incident_actions", "elements", buttons));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", subject + " - " + status);
        body.put("blocks", blocks);
        body.put("unfurl_links", false);
        body.put("unfurl_media", false);
        body.put("metadata", Map.of("event_type", METADATA_EVENT, "event_payload",
                Map.of("delivery_id", deliveryId.toString(), "incident_id", i.incidentId().toString())));
        return body;
    }

    private static Map<String, Object> button(String label, String actionId, IncidentSummary i, String style) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("action_id", actionId);
        b.put("text", plain(label));
        b.put("value", i.incidentId().toString());
        if (style != null) {
            b.put("style", style);
        }
        return b;
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", markdown(markdown));
    }

    private static Map<String, Object> markdown(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Slack's three control characters in message text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }
}
