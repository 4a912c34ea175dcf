package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * Every shift of the schedule that overlaps {@code [from, to)}, whole (not cut at the range's ends, so a shift
     * keeps its start however the range moves), ordered by start. Overrides win as in {@link #at}: an override is a
     * shift of its own, and a rotation's shift loses the parts that an override covers.
     */
    public static List<Shift> shifts(Schedule schedule, Instant from, Instant to) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        List<ScheduleOverride> overrides = schedule.overrides().stream()
                .sorted(Comparator.comparing(ScheduleOverride::start)).toList();
        // one shift per (person, start): two rotations handing the same person over at once make one shift
        Map<UUID, Map<Instant, Shift>> byPerson = new LinkedHashMap<>();
        for (ScheduleOverride o : overrides) {
            if (o.end().isAfter(from) && o.start().isBefore(to)) {
                keepLongest(byPerson, new Shift(o.userId(), o.start(), o.end(), true));
            }
        }
        for (Rotation r : schedule.rotations()) {
            if (r.participants().isEmpty()) {
                continue;
            }
            for (long k = Math.max(0, shiftIndex(r, zone, from));; k++) {
                Instant start = handoff(r, zone, k);
                if (!start.isBefore(to)) {
                    break;
                }
                Instant end = handoff(r, zone, k + 1);
                UUID who = r.participants().get((int) (k % r.participants().size()));
                for (Instant[] part : uncovered(start, end, overrides)) {
                    if (part[1].isAfter(from) && part[0].isBefore(to)) {
                        keepLongest(byPerson, new Shift(who, part[0], part[1], false));
                    }
                }
            }
        }
        List<Shift> out = new ArrayList<>();
        byPerson.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparing(Shift::start).thenComparing(Shift::end).thenComparing(Shift::userId));
        return out;
    }

    private static void keepLongest(Map<UUID, Map<Instant, Shift>> byPerson, Shift s) {
        byPerson.computeIfAbsent(s.userId(), k -> new HashMap<>())
                .merge(s.start(), s, (a, b) -> a.end().isAfter(b.end()) ? a : b);
    }

    /** The parts of {@code [start, end)} that no override covers; overrides sorted by start. */
    private static List<Instant[]> uncovered(Instant start, Instant end, List<ScheduleOverride> overrides) {
        List<Instant[]> parts = new ArrayList<>();
        Instant cursor = start;
        for (ScheduleOverride o : overrides) {
            if (!o.start().isBefore(end)) {
                break;
            }
            if (!o.end().isAfter(cursor)) {
                continue;
            }
            if (o.start().isAfter(cursor)) {
                parts.add(new Instant[] { cursor, o.start() });
            }
            cursor = o.end();
            if (!cursor.isBefore(end)) {
                return parts;
            }
        }
        parts.add(new Instant[] { cursor, end });
        return parts;
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
