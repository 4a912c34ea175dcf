package dev.klaxon.escalation.policy;

import java.util.UUID;

/** Whom a step pages: a user, or whoever a schedule has on call at that moment. */
public record StepTarget(Type type, UUID id) {

    /** The kind of target. */
    public enum Type {
        USER, SCHEDULE
    }
}
