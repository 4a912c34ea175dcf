package dev.klaxon.escalation.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes an iCalendar (RFC 5545) document: CRLF line endings, content lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped, times in UTC ({@code 20261124T090000Z}). Pure, so it is unit-tested.
 */
public final class ICalendar {

    static final String CRLF = "\r\n";
    static final int MAX_OCTETS = 75;
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One VEVENT. */
    public record Event(String uid, Instant start, Instant end, String summary, String description) {
    }

    private ICalendar() {
    }

    /**
     * A published calendar; {@code stamp} (the DTSTAMP of every event) is when the document was generated, and
     * {@code name} is what calendar apps show for the subscription.
     */
    public static String calendar(String name, Instant stamp, List<Event> events) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Klaxon//escalation-service//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(name));
        // calendar apps that honour these poll hourly, so hand-offs and overrides show up the same day
        line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        line(out, "X-PUBLISHED-TTL:PT1H");
        for (Event e : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + e.uid());
            line(out, "DTSTAMP:" + utc(stamp));
            line(out, "DTSTART:" + utc(e.start()));
            line(out, "DTEND:" + utc(e.end()));
            line(out, "SUMMARY:" + text(e.summary()));
            if (e.description() != null && !e.description().isEmpty()) {
                line(out, "DESCRIPTION:" + text(e.description()));
            }
            // being on call does not make someone busy
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** A UTC date-time value; iCalendar has no fractions of a second. */
    static String utc(Instant t) {
        return UTC.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
    static String text(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case ';' -> sb.append("\\;");
                case ',' -> sb.append("\\,");
                case '\n' -> sb.append("\\n");
                case '\r' -> {
                    if (i + 1 >= value.length() || value.charAt(i + 1) != '\n') {
                        sb.append("\\n");
                    }
                }
                default -> {
                    if ((c >= 0x20 && c != 0x7f) || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Appends a content line, folded so that no physical line exceeds 75 octets (the leading space of a continuation
     * counts), never inside a UTF-8 character, each ended by CRLF.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append(CRLF);
    }
}
