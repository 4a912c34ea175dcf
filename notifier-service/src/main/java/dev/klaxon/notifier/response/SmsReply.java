package dev.klaxon.notifier.response;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.klaxon.events.IncidentCommand;

/**
 * What an SMS reply asks for. Accepted forms: the codes the page offers ({@code 42A} acknowledge, {@code 42R} or
 * {@code 42C} resolve, any case, spaces allowed) and words ({@code ACK 42}, {@code RES 42}, {@code RESOLVE #42},
 * {@code CLOSE 42}).
 */
public record SmsReply(long incidentNumber, IncidentCommand.Action action) {

    private static final Pattern CODE = Pattern.compile("^\\s*#?(\\d{1,18})\\s*([arc])\\s*[.!]?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile(
            "^\\s*(ack|acknowledge|res|resolve|close|c)\\s+(?:inc-?)?#?(\\d{1,18})\\s*[.!]?\\s*$",
            Pattern.CASE_INSENSITIVE);

    public static Optional<SmsReply> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(body);
        if (m.matches()) {
            return Optional.of(new SmsReply(Long.parseLong(m.group(1)), action(m.group(2))));
        }
        m = WORD.matcher(body);
        if (m.matches()) {
            return Optional.of(new SmsReply(Long.parseLong(m.group(2)), action(m.group(1))));
        }
        return Optional.empty();
    }

    private static IncidentCommand.Action action(String word) {
        return word.toLowerCase(Locale.ROOT).startsWith("a") ? IncidentCommand.Action.ACKNOWLEDGE
                : IncidentCommand.Action.RESOLVE;
    }
}
