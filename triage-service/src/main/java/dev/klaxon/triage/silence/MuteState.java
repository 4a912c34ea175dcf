package dev.klaxon.triage.silence;

import java.time.Instant;

/** Where a silence or maintenance window stands at an instant. */
public enum MuteState {
    PENDING, ACTIVE, EXPIRED;

    public static MuteState at(Instant startsAt, Instant endsAt, Instant now) {
        if (!now.isBefore(endsAt)) {
            return EXPIRED;
        }
        return now.isBefore(startsAt) ? PENDING : ACTIVE;
    }
}
