package dev.klaxon.escalation.schedule;

import java.util.List;
import java.util.UUID;

/**
 * Who is on call when: rotations in a time zone, and overrides that take precedence.
 *
 * @param externalRef where the schedule came from, when imported; unique
 */
public record Schedule(UUID id, String name, String timeZone, List<Rotation> rotations,
        List<ScheduleOverride> overrides, String externalRef) {

    public Schedule {
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
    }

    /** A schedule that no other system knows. */
    public Schedule(UUID id, String name, String timeZone, List<Rotation> rotations,
            List<ScheduleOverride> overrides) {
        this(id, name, timeZone, rotations, overrides, null);
    }
}
