package dev.klaxon.escalation.policy;

import java.util.UUID;

/** Whom a step pages: a user, whoever a schedule has on call at that moment, or every member of a team. */
public record StepTarget(Type type, UUID id) {

    /** The kind of target. */
    public enum Type {
        USER, SCHEDULE, TEAM
    }
}
