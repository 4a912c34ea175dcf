package dev.klaxon.triage.rule;

import java.util.List;
import java.util.Map;

/**
 * What a matching rule does.
 *
 * @param severity P1–P4 to set
 * @param useSourceSeverity map the sender's own severity onto P1–P4; when it has none, the next rule is tried
 * @param suppress record the alert but page nobody
 * @param escalationPolicy route to this escalation policy (by name)
 * @param addLabels labels added to the incident
 * @param groupBy label names: firing alerts of one service with the same values of these labels join one incident
 *        (Alertmanager's {@code group_by}), so ten pods failing is one page
 * @param groupWindow how long after a group's first alert others may still join it ({@code 30m}, {@code 2h},
 *        {@code PT1H}); later alerts open a new incident. Default 1h.
 * @param autoResolve whether the incident resolves itself once every alert in it is resolved (default true); false
 *        leaves resolving to a person
 */
public record RuleActions(String severity, Boolean useSourceSeverity, Boolean suppress, String escalationPolicy,
        Map<String, String> addLabels, List<String> groupBy, String groupWindow, Boolean autoResolve) {

    public RuleActions {
        addLabels = addLabels == null ? Map.of() : Map.copyOf(addLabels);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    }
}
