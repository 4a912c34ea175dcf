package dev.klaxon.notifier.message;

import java.util.List;
import java.util.stream.Collectors;

import dev.klaxon.events.IncidentSummary;

/**
 * Several pages to one person, as one message: "3 new incidents: INC-41 [P1] Database down; …". Used when pages to
 * one phone or mailbox pile up (at once, or behind its rate limit), so a storm does not become a stream of texts.
 */
public final class BundleMessage {

    /** Longest SMS a bundle may take: three segments of the GSM alphabet. */
    static final int SMS_MAX_SEPTETS = 3 * 153;

    private BundleMessage() {
    }

    public static String subject(List<IncidentSummary> incidents) {
        return "[Klaxon] " + incidents.size() + " new incidents: " + incidents.stream().map(IncidentSummary::reference)
                .collect(Collectors.joining(", "));
    }

    /** The email text: a headline and each page's own text, separated. */
    public static String text(List<IncidentSummary> incidents, List<String> bodies) {
        StringBuilder sb = new StringBuilder(incidents.size() + " new incidents need you:\n");
        incidents.forEach(i -> sb.append("- ").append(line(i)).append('\n'));
        for (String body : bodies) {
            sb.append("\n----------------------------------------\n\n").append(body.strip()).append('\n');
        }
        return sb.toString();
    }

    /** The SMS: every incident on one line, with how to answer each; GSM-7, at most three segments. */
    public static String sms(List<IncidentSummary> incidents) {
        String list = incidents.stream().map(BundleMessage::line).collect(Collectors.joining("; "));
        long first = incidents.get(0).number();
        String tail = ". Reply e.g. " + first + "A to ack, " + first + "R to resolve";
        String text = Gsm7.fold("Klaxon: " + incidents.size() + " new incidents: " + list);
        int room = SMS_MAX_SEPTETS - Gsm7.septets(tail);
        return Gsm7.truncate(text, room) + tail;
    }

    private static String line(IncidentSummary i) {
        return i.reference() + " [" + i.severity().name() + "] " + (i.title() == null ? "" : i.title().strip());
    }
}
