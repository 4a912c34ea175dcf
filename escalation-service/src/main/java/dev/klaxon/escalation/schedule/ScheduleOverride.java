package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.util.UUID;

/** Someone covering a schedule for a time range, in place of whoever the rotations say. */
public record ScheduleOverride(UUID id, UUID userId, Instant start, Instant end) {

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
