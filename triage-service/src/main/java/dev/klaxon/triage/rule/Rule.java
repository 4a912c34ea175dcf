package dev.klaxon.triage.rule;

import java.util.UUID;

/** One entry of the ordered triage rule list; the first enabled rule that matches an alert decides. */
public record Rule(UUID id, int position, String name, boolean enabled, RuleConditions conditions,
        RuleActions actions) {
}
