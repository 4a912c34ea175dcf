package dev.klaxon.triage.rule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Severity;
import dev.klaxon.kit.time.Durations;

/**
 * Triage rule matching: pure, so it is unit-tested against the runbooks' own examples. Rules are compiled once
 * (regular expressions, matchers) and evaluated in order; the first enabled rule that matches and yields a decision
 * wins.
 */
public final class RuleEngine {

    /** The default when no rule decides: a warning-level P3, as the runbooks treat unknown problems. */
    public static final Severity FALLBACK = Severity.P3;

    private RuleEngine() {
    }

    /** What triage decided for an alert, and why. */
    public record Decision(Rule rule, String reason, Severity severity, boolean suppressed, String escalationPolicy,
            Map<String, String> addLabels, List<String> groupBy, Duration groupWindow, boolean autoResolve) {

        /** The key of the group an alert joins under this decision's {@code groupBy}; empty without one. */
        public Optional<String> groupKey(NormalizedAlert alert) {
            if (groupBy.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder key = new StringBuilder("group:").append(alert.service()).append('{');
            for (String name : groupBy.stream().sorted().toList()) {
                key.append(name).append('=').append(alert.labels().getOrDefault(name, "")).append(',');
            }
            return Optional.of(key.append('}').toString());
        }
    }

    /** How long a group stays joinable when a rule groups without saying. */
    public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofHours(1);

    /** A rule ready to evaluate. */
    public record CompiledRule(Rule rule, List<LabelMatcher.Compiled> labels, List<LabelMatcher.Compiled> annotations,
            Pattern text, Severity severity) {
    }

    /**
     * Checks and compiles a rule.
     *
     * @throws RuleException naming the field at fault
     */
    public static CompiledRule compile(Rule rule) {
        if (rule.name() == null || rule.name().isBlank()) {
            throw new RuleException("name", "is required");
        }
        RuleConditions c = rule.conditions() == null ? RuleConditions.ANY : rule.conditions();
        RuleActions a = rule.actions();
        if (a == null) {
            throw new RuleException("actions", "are required");
        }
        Severity severity = null;
        if (a.severity() != null) {
            severity = parseSeverity(a.severity());
        }
        if (severity == null && !Boolean.TRUE.equals(a.useSourceSeverity()) && !Boolean.TRUE.equals(a.suppress())) {
            throw new RuleException("actions", "must set severity, useSourceSeverity or suppress");
        }
        Pattern text = null;
        if (c.textMatches() != null) {
            try {
                text = Pattern.compile(c.textMatches(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new RuleException("conditions.textMatches", "is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        for (int i = 0; i < c.values().size(); i++) {
            if (c.values().get(i) == null) {
                throw new RuleException("conditions.values[" + i + "]", "must be a condition");
            }
            try {
                c.values().get(i).validate();
            } catch (RuleException e) {
                throw e.within("conditions.values[" + i + "]");
            }
        }
        if (c.businessHours() != null) {
            checkBusinessHours(c.businessHours());
        }
        for (int i = 0; i < a.groupBy().size(); i++) {
            if (a.groupBy().get(i) == null || a.groupBy().get(i).isBlank()) {
                throw new RuleException("actions.groupBy[" + i + "]", "must be a label name");
            }
        }
        if (a.groupWindow() != null) {
            try {
                parseDuration(a.groupWindow());
            } catch (IllegalArgumentException e) {
                throw new RuleException("actions.groupWindow", e.getMessage());
            }
        }
        return new CompiledRule(rule, matchers(c.labels(), "conditions.labels"),
                matchers(c.annotations(), "conditions.annotations"), text, severity);
    }

    /** The decision for an alert at an instant, from rules in order. */
    public static Decision evaluate(List<CompiledRule> rules, NormalizedAlert alert, Instant now) {
        Map<String, Double> values = null;
        for (CompiledRule r : rules) {
            if (!r.rule().enabled()) {
                continue;
            }
            RuleConditions c = r.rule().conditions() == null ? RuleConditions.ANY : r.rule().conditions();
            if (!c.values().isEmpty() && values == null) {
                values = AlertValues.of(alert);
            }
            Optional<String> why = matches(r, c, alert, values, now);
            if (why.isEmpty()) {
                continue;
            }
            RuleActions a = r.rule().actions();
            Severity severity = r.severity();
            String reason = why.get();
            if (severity == null && Boolean.TRUE.equals(a.useSourceSeverity())) {
                Optional<String> raw = sourceSeverity(alert);
                Optional<Severity> mapped = raw.flatMap(Severity::parse);
                if (mapped.isEmpty()) {
                    if (!Boolean.TRUE.equals(a.suppress())) {
                        continue; // no usable source severity: let the next rule decide
                    }
                } else {
                    severity = mapped.get();
                    reason = reason + "; source severity \"" + raw.get() + "\" → " + severity;
                }
            }
            return new Decision(r.rule(), reason, severity == null ? FALLBACK : severity,
                    Boolean.TRUE.equals(a.suppress()), a.escalationPolicy(), a.addLabels(), a.groupBy(),
                    a.groupWindow() == null ? DEFAULT_GROUP_WINDOW : parseDuration(a.groupWindow()),
                    !Boolean.FALSE.equals(a.autoResolve()));
        }
        return new Decision(null, "no rule matched; default " + FALLBACK, FALLBACK, false, null, Map.of(), List.of(),
                DEFAULT_GROUP_WINDOW, true);
    }

    /** The sender's own severity word: its severity hint, else a severity or priority label. */
    public static Optional<String> sourceSeverity(NormalizedAlert alert) {
        for (String candidate : new String[] { alert.severityHint(), alert.labels().get("severity"),
                alert.labels().get("priority"), alert.labels().get("level") }) {
            if (candidate != null && !candidate.isBlank() && Severity.parse(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> matches(CompiledRule r, RuleConditions c, NormalizedAlert alert,
            Map<String, Double> values, Instant now) {
        List<String> why = new ArrayList<>();
        if (!c.sourceTypes().isEmpty()) {
            if (!among(c.sourceTypes(), alert.sourceType())) {
                return Optional.empty();
            }
            why.add("source " + alert.sourceType());
        }
        if (!c.services().isEmpty()) {
            if (!among(c.services(), alert.service())) {
                return Optional.empty();
            }
            why.add("service " + alert.service());
        }
        if (!c.integrations().isEmpty()) {
            if (!among(c.integrations(), alert.integrationId())) {
                return Optional.empty();
            }
            why.add("integration " + alert.integrationId());
        }
        for (LabelMatcher.Compiled m : r.labels()) {
            if (!m.matches(alert.labels())) {
                return Optional.empty();
            }
            why.add("label " + m.matcher().name() + m.matcher().op() + "\"" + m.matcher().value() + "\"");
        }
        for (LabelMatcher.Compiled m : r.annotations()) {
            if (!m.matches(alert.annotations())) {
                return Optional.empty();
            }
            why.add("annotation " + m.matcher().name() + m.matcher().op() + "\"" + m.matcher().value() + "\"");
        }
        if (r.text() != null) {
            String text = (alert.title() == null ? "" : alert.title()) + "\n"
                    + (alert.description() == null ? "" : alert.description());
            var found = r.text().matcher(text);
            if (!found.find()) {
                return Optional.empty();
            }
            why.add("text contains \"" + found.group() + "\"");
        }
        for (ValueCondition v : c.values()) {
            Double actual = values.get(v.name());
            if (actual == null || !v.test(actual)) {
                return Optional.empty();
            }
            why.add(v.name() + " " + actual + " " + v.op() + " " + v.value());
        }
        if (c.businessHours() != null) {
            boolean inside = withinHours(c.businessHours(), now);
            boolean wanted = !Boolean.FALSE.equals(c.businessHours().inside());
            if (inside != wanted) {
                return Optional.empty();
            }
            why.add(inside ? "within business hours" : "outside business hours");
        }
        String rule = "rule \"" + r.rule().name() + "\" (#" + (r.rule().position() + 1) + ")";
        return Optional.of(why.isEmpty() ? rule + " matches every alert" : rule + " matched: " + String.join(", ",
                why));
    }

    /** True when the alert has this attribute and it is one of the listed; an absent one is none of them. */
    private static boolean among(List<String> listed, String value) {
        return value != null && listed.contains(value);
    }

    private static boolean withinHours(RuleConditions.BusinessHours h, Instant now) {
        ZonedDateTime t = now.atZone(ZoneId.of(h.timeZone()));
        List<Integer> days = h.days() == null || h.days().isEmpty() ? List.of(1, 2, 3, 4, 5) : h.days();
        LocalTime from = LocalTime.parse(h.from() == null ? "09:00" : h.from());
        LocalTime to = LocalTime.parse(h.to() == null ? "17:00" : h.to());
        LocalTime time = t.toLocalTime();
        return days.contains(t.getDayOfWeek().getValue()) && !time.isBefore(from) && time.isBefore(to);
    }

    private static void checkBusinessHours(RuleConditions.BusinessHours h) {
        try {
            ZoneId.of(h.timeZone() == null ? "" : h.timeZone());
        } catch (DateTimeException e) {
            throw new RuleException("conditions.businessHours.timeZone", "must be an IANA time zone");
        }
        try {
            if (h.from() != null) {
                LocalTime.parse(h.from());
            }
            if (h.to() != null) {
                LocalTime.parse(h.to());
            }
        } catch (DateTimeParseException e) {
            throw new RuleException("conditions.businessHours", "from and to must be times such as 09:00");
        }
        if (h.days() != null && h.days().stream().anyMatch(d -> d == null || d < DayOfWeek.MONDAY.getValue()
                || d > DayOfWeek.SUNDAY.getValue())) {
            throw new RuleException("conditions.businessHours.days", "must be 1 (Monday) to 7 (Sunday)");
        }
    }

    private static List<LabelMatcher.Compiled> matchers(List<LabelMatcher> list, String field) {
        List<LabelMatcher.Compiled> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new RuleException(field + "[" + i + "]", "must be a matcher");
            }
            try {
                out.add(list.get(i).compile());
            } catch (RuleException e) {
                throw e.within(field + "[" + i + "]");
            }
        }
        return out;
    }

    /** See {@link Durations#parse}. */
    public static Duration parseDuration(String raw) {
        return Durations.parse(raw);
    }

    private static Severity parseSeverity(String raw) {
        try {
            return Severity.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleException("actions.severity", "must be P1, P2, P3 or P4");
        }
    }
}
