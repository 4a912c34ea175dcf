package dev.klaxon.escalation.policy;

import java.util.List;
import java.util.UUID;

/**
 * An ordered ladder of steps (on-call → lead → CTO by default).
 *
 * @param repeat how many more times the whole ladder is walked after its last step times out
 * @param externalRef where the policy came from, when imported; unique
 */
public record EscalationPolicy(UUID id, String name, boolean isDefault, int repeat, List<EscalationStep> steps,
        String externalRef) {

    public EscalationPolicy {
        steps = List.copyOf(steps);
    }
}
