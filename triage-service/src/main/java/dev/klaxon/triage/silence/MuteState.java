package dev.klaxon.triage.silence;

import java.time.Instant;

import dev.klaxon.kit.rest.ProblemException;

/** Where a silence or maintenance window stands at an instant. */
public enum MuteState {
    PENDING, ACTIVE, EXPIRED;

    public static MuteState at(Instant startsAt, Instant endsAt, Instant now) {
        if (!now.isBefore(endsAt)) {
            return EXPIRED;
        }
        return now.isBefore(startsAt) ? PENDING : ACTIVE;
    }

    /** The SQL condition on {@code starts_at}/{@code ends_at} for a state at the instant bound to {@code $1}. */
    public static String sqlCondition(MuteState state) {
        return state == null ? "TRUE" : switch (state) {
            case ACTIVE -> "starts_at <= $1 AND ends_at > $1";
            case PENDING -> "starts_at > $1";
            case EXPIRED -> "ends_at <= $1";
        };
    }

    /**
     * Checks the end of a silence or window given its start: after the start and in the future.
     *
     * @throws ProblemException a 400 naming {@code endsAt}
     */
    public static void checkEnd(Instant startsAt, Instant endsAt, Instant now) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.badRequest("endsAt", "must be after startsAt");
        }
        if (!endsAt.isAfter(now)) {
            throw ProblemException.badRequest("endsAt", "must be in the future");
        }
    }
}
