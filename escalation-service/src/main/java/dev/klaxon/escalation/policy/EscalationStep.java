package dev.klaxon.escalation.policy;

import java.util.List;

/**
 * One rung of the ladder.
 *
 * @param timeoutSeconds how long to wait for an acknowledgement before the next step; null: the severity's default
 */
public record EscalationStep(int position, Integer timeoutSeconds, List<StepTarget> targets) {

    public EscalationStep {
        targets = List.copyOf(targets);
    }
}
