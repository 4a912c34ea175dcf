package dev.klaxon.escalation.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A window in which a restricted rotation puts its participant on call, in the schedule's zone: from {@code startTime}
 * on each of {@code days} (every day when empty), lasting {@code durationMinutes} of wall-clock time (so it may run
 * past midnight, up to a week, and a 09:00–17:00 window stays 09:00–17:00 across DST).
 */
public record Restriction(List<DayOfWeek> days, LocalTime startTime, int durationMinutes) {

    public Restriction {
        days = days == null ? List.of() : List.copyOf(days);
    }

    /** Whether a window of this restriction starts on a day of this weekday. */
    public boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }
}
