package dev.klaxon.triage.rule;

import java.util.List;

/**
 * What an alert must satisfy for a rule to apply; every given condition must hold, and no condition at all
 * matches every alert.
 *
 * @param textMatches a case-insensitive regular expression searched in the title and description
 */
public record RuleConditions(List<String> sourceTypes, List<String> services, List<String> integrations,
        List<LabelMatcher> labels, List<LabelMatcher> annotations, String textMatches, List<ValueCondition> values,
        BusinessHours businessHours) {

    public static final RuleConditions ANY = new RuleConditions(null, null, null, null, null, null, null, null);

    public RuleConditions {
        sourceTypes = sourceTypes == null ? List.of() : List.copyOf(sourceTypes);
        services = services == null ? List.of() : List.copyOf(services);
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
        labels = labels == null ? List.of() : List.copyOf(labels);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        values = values == null ? List.of() : List.copyOf(values);
    }

    /**
     * A time window: weekdays (1 Monday … 7 Sunday) and hours in a zone; {@code inside=false} means outside it.
     */
    public record BusinessHours(String timeZone, List<Integer> days, String from, String to, Boolean inside) {
    }
}
