package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Rotation maths: who a schedule puts on call at an instant. Pure, so DST and hand-offs are unit-tested. */
public final class OnCall {

    private OnCall() {
    }

    /** The people on call: any override covering the instant wins; otherwise one person per rotation. */
    public static List<UUID> at(Schedule schedule, Instant at) {
        Set<UUID> out = new LinkedHashSet<>();
        schedule.overrides().stream().filter(o -> o.covers(at)).map(ScheduleOverride::userId).forEach(out::add);
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        ZoneId zone = ZoneId.of(schedule.timeZone());
        for (Rotation r : schedule.rotations()) {
            current(r, zone, at).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The participant whose shift contains the instant; empty before the rotation starts or without participants. */
    public static Optional<UUID> current(Rotation rotation, ZoneId zone, Instant at) {
        if (rotation.participants().isEmpty()) {
            return Optional.empty();
        }
        long shift = shiftIndex(rotation, zone, at);
        if (shift < 0) {
            return Optional.empty();
        }
        return Optional.of(rotation.participants().get((int) (shift % rotation.participants().size())));
    }

    /** The instant the shift holding {@code at} ends, i.e. the next hand-off. */
    public static Instant nextHandoff(Rotation rotation, ZoneId zone, Instant at) {
        return handoff(rotation, zone, Math.max(0, shiftIndex(rotation, zone, at)) + 1);
    }

    /** How many whole shifts have begun since the rotation's start, minus one; -1 before the start. */
    static long shiftIndex(Rotation rotation, ZoneId zone, Instant at) {
        ZonedDateTime start = rotation.start().atZone(zone);
        ZonedDateTime now = at.atZone(zone);
        if (now.isBefore(start)) {
            return -1;
        }
        // date-based units between zoned times count local calendar time, so a 09:00 hand-off stays at 09:00
        long units = switch (rotation.type()) {
            case HOURLY -> ChronoUnit.HOURS.between(start.toInstant(), now.toInstant());
            case DAILY -> ChronoUnit.DAYS.between(start, now);
            case WEEKLY -> ChronoUnit.WEEKS.between(start, now);
        };
        long index = units / rotation.shiftLength();
        // guard the edges: the computed shift must contain the instant
        while (index > 0 && handoff(rotation, zone, index).isAfter(at)) {
            index--;
        }
        while (!handoff(rotation, zone, index + 1).isAfter(at)) {
            index++;
        }
        return index;
    }

    private static Instant handoff(Rotation rotation, ZoneId zone, long shift) {
        return handoffTime(rotation, zone, shift).toInstant();
    }

    private static ZonedDateTime handoffTime(Rotation rotation, ZoneId zone, long shift) {
        long n = shift * rotation.shiftLength();
        ZonedDateTime start = rotation.start().atZone(zone);
        return switch (rotation.type()) {
            case HOURLY -> start.plusHours(n);
            case DAILY -> rotation.start().plusDays(n).atZone(zone);
            case WEEKLY -> rotation.start().plusWeeks(n).atZone(zone);
        };
    }
}
