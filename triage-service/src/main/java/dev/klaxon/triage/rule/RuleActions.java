package dev.klaxon.triage.rule;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
public record RuleActions(
        @Pattern(regexp = "(?i)p[1-4]", message = "must be P1, P2, P3 or P4") String severity,
        Boolean useSourceSeverity, Boolean suppress, @Size(max = 200) String escalationPolicy,
        @Size(max = 50) Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 1000) String> addLabels,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> groupBy, @Size(max = 50) String groupWindow,
        Boolean autoResolve) {

    public RuleActions {
        addLabels = addLabels == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(addLabels));
        groupBy = RuleConditions.copy(groupBy);
    }
}
