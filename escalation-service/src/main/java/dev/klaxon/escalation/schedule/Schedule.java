package dev.klaxon.escalation.schedule;

import java.util.List;
import java.util.UUID;

/** Who is on call when: rotations in a time zone, and overrides that take precedence. */
public record Schedule(UUID id, String name, String timeZone, List<Rotation> rotations,
        List<ScheduleOverride> overrides) {

    public Schedule {
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
    }
}
