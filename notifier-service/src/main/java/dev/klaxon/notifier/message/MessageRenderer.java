package dev.klaxon.notifier.message;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;

/**
 * The words of every notification, following the runbooks' communication templates: INCIDENT / SEVERITY / STATUS /
 * IMPACT / STARTED / NEXT UPDATE when paging, the status update, and RESOLVED with DURATION. Pure, so each
 * template is unit-tested.
 */
public final class MessageRenderer {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int SMS_LIMIT = 160;

    private MessageRenderer() {
    }

    /** "[P1] INC-42 DatabaseDown" or "[RESOLVED] INC-42 DatabaseDown". */
    public static String subject(NotificationRequested n) {
        IncidentSummary i = n.incident();
        String tag = switch (n.kind()) {
            case RESOLVED -> "RESOLVED";
            case ACKNOWLEDGED -> "ACKNOWLEDGED";
            default -> i.severity().name();
        };
        return "[" + tag + "] " + i.reference() + " " + i.title();
    }

    /** The runbook template for the notification's kind, as plain text. */
    public static String text(NotificationRequested n) {
        IncidentSummary i = n.incident();
        StringBuilder sb = new StringBuilder();
        switch (n.kind()) {
            case RESOLVED -> {
                Instant end = i.resolvedAt() != null ? i.resolvedAt() : n.requestedAt();
                sb.append("RESOLVED: ").append(i.title()).append('\n');
                sb.append("DURATION: ").append(UTC.format(i.startedAt())).append(" - ").append(UTC.format(end))
                        .append(" (").append(minutes(i.startedAt(), end)).append(")\n");
                sb.append("SEVERITY: ").append(severity(i.severity())).append('\n');
                line(sb, "SERVICE", i.service());
                sb.append("INCIDENT: ").append(i.reference()).append('\n');
            }
            case ACKNOWLEDGED -> {
                sb.append("INCIDENT: ").append(i.title()).append('\n');
                sb.append("SEVERITY: ").append(severity(i.severity())).append('\n');
                sb.append("STATUS: Acknowledged").append(i.acknowledgedBy() == null ? "" : " by " + i.acknowledgedBy())
                        .append('\n');
                line(sb, "SERVICE", i.service());
                sb.append("NEXT UPDATE: ").append(UTC.format(n.requestedAt().plus(updateEvery(i.severity()))))
                        .append('\n');
            }
            default -> {
                if (n.kind() == NotificationKind.ESCALATED) {
                    sb.append("ESCALATED to you (step ").append(i.escalationStep() + 1)
                            .append("): nobody has acknowledged yet\n");
                }
                sb.append("INCIDENT: ").append(i.title()).append('\n');
                sb.append("SEVERITY: ").append(severity(i.severity())).append('\n');
                sb.append("STATUS: Investigating\n");
                line(sb, "SERVICE", i.service());
                sb.append("IMPACT: ").append(i.description() == null || i.description().isBlank() ? "Being assessed"
                        : i.description()).append('\n');
                sb.append("STARTED: ").append(UTC.format(i.startedAt())).append('\n');
                sb.append("NEXT UPDATE: ").append(UTC.format(i.startedAt().plus(updateEvery(i.severity()))))
                        .append('\n');
                sb.append("REFERENCE: ").append(i.reference()).append('\n');
            }
        }
        i.links().forEach(l -> sb.append("LINK: ").append(l.text() == null ? l.rel() : l.text()).append(" ")
                .append(l.href()).append('\n'));
        return sb.toString();
    }

    /** One SMS segment where possible: severity, reference, title (shortened), service and the reply codes. */
    public static String sms(NotificationRequested n) {
        IncidentSummary i = n.incident();
        long no = i.number();
        String tail = switch (n.kind()) {
            case RESOLVED -> " resolved after " + minutes(i.startedAt(), i.resolvedAt() != null ? i.resolvedAt()
                    : n.requestedAt());
            case ACKNOWLEDGED -> " acknowledged" + (i.acknowledgedBy() == null ? "" : " by " + i.acknowledgedBy());
            default -> (i.service() == null ? "" : " (" + i.service() + ")") + ". Reply " + no + "A to ack, " + no
                    + "C to close";
        };
        String head = switch (n.kind()) {
            case RESOLVED -> "RESOLVED " + i.reference() + " ";
            case ACKNOWLEDGED -> "ACK " + i.reference() + " ";
            case ESCALATED -> "[" + i.severity() + "] ESCALATED " + i.reference() + " ";
            default -> "[" + i.severity() + "] " + i.reference() + " ";
        };
        int room = SMS_LIMIT - head.length() - tail.length();
        String title = i.title();
        if (title.length() > room) {
            title = title.substring(0, Math.max(0, room - 1)) + "…";
        }
        return head + title + tail;
    }

    /** "P1 (critical)". */
    public static String severity(Severity s) {
        return s.name() + " (" + s.label() + ")";
    }

    /** How often the runbooks promise updates: every 15 min for P1, 30 min for P2, hourly otherwise. */
    static Duration updateEvery(Severity s) {
        return switch (s) {
            case P1 -> Duration.ofMinutes(15);
            case P2 -> Duration.ofMinutes(30);
            default -> Duration.ofHours(1);
        };
    }

    private static String minutes(Instant start, Instant end) {
        long m = Math.max(0, Duration.between(start, end).toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(label.toUpperCase(Locale.ROOT)).append(": ").append(value).append('\n');
        }
    }
}
