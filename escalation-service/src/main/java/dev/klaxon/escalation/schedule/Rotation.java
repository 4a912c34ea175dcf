package dev.klaxon.escalation.schedule;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Participants taking turns: each holds a shift of {@code shiftLength} hours, days or weeks; the first shift starts
 * at {@code start}, a local date-time in the schedule's zone, so hand-offs keep their wall-clock time across DST.
 */
public record Rotation(UUID id, String name, Type type, int shiftLength, LocalDateTime start,
        List<UUID> participants) {

    /** The unit of a shift. */
    public enum Type {
        HOURLY, DAILY, WEEKLY
    }

    public Rotation {
        participants = List.copyOf(participants);
    }
}
