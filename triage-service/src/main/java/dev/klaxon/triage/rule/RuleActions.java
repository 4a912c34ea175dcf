package dev.klaxon.triage.rule;

import java.util.Map;

/**
 * What a matching rule does.
 *
 * @param severity P1–P4 to set
 * @param useSourceSeverity map the sender's own severity onto P1–P4; when it has none, the next rule is tried
 * @param suppress record the alert but page nobody
 * @param escalationPolicy route to this escalation policy (by name)
 * @param addLabels labels added to the incident
 */
public record RuleActions(String severity, Boolean useSourceSeverity, Boolean suppress, String escalationPolicy,
        Map<String, String> addLabels) {

    public RuleActions {
        addLabels = addLabels == null ? Map.of() : Map.copyOf(addLabels);
    }
}
