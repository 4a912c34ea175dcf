package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rotation maths: who a schedule puts on call at an instant. Pure, so DST, hand-offs, restrictions and layers are
 * unit-tested.
 *
 * <p>Precedence, highest first: an override covering the instant; then the highest layer that has anyone on call, whose
 * rotations are on call together; within a rotation, its participant only while the rotation is active and, if it has
 * restrictions, inside one of their windows.
 */
public final class OnCall {

    private OnCall() {
    }

    /** The people on call at the instant (see the class comment for who wins). */
    public static List<UUID> at(Schedule schedule, Instant at) {
        Set<UUID> out = new LinkedHashSet<>();
        schedule.overrides().stream().filter(o -> o.covers(at)).map(ScheduleOverride::userId).forEach(out::add);
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        ZoneId zone = ZoneId.of(schedule.timeZone());
        for (List<Rotation> layer : layersHighestFirst(schedule)) {
            for (Rotation r : layer) {
                if (covers(r, zone, at)) {
                    current(r, zone, at).ifPresent(out::add);
                }
            }
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    /**
     * Every shift of the schedule that overlaps {@code [from, to)}, whole (not cut at the range's ends, so a shift
     * keeps its start however the range moves), ordered by start. Overrides win as in {@link #at}: an override is a
     * shift of its own, and a rotation's shift loses the parts that an override or a higher layer covers, and the
     * parts outside its restrictions' windows and its active period.
     */
    public static List<Shift> shifts(Schedule schedule, Instant from, Instant to) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        List<ScheduleOverride> overrides = schedule.overrides().stream()
                .sorted(Comparator.comparing(ScheduleOverride::start)).toList();
        // one shift per (person, start): two rotations handing the same person over at once make one shift
        Map<UUID, Map<Instant, Shift>> byPerson = new LinkedHashMap<>();
        List<Instant[]> covered = new ArrayList<>();
        for (ScheduleOverride o : overrides) {
            covered.add(new Instant[] { o.start(), o.end() });
            if (o.end().isAfter(from) && o.start().isBefore(to)) {
                keepLongest(byPerson, new Shift(o.userId(), o.start(), o.end(), true));
            }
        }
        // each rotation's shifts overlapping the range, whole; [lo, hi) spans them all
        Map<Rotation, List<Shift>> turns = new IdentityHashMap<>();
        Instant lo = from;
        Instant hi = to;
        for (Rotation r : schedule.rotations()) {
            if (r.participants().isEmpty()) {
                continue;
            }
            List<Shift> list = new ArrayList<>();
            for (long k = Math.max(0, shiftIndex(r, zone, from));; k++) {
                Instant start = handoff(r, zone, k);
                if (!start.isBefore(to)) {
                    break;
                }
                Instant end = handoff(r, zone, k + 1);
                list.add(new Shift(r.participants().get((int) (k % r.participants().size())), start, end, false));
                lo = start.isBefore(lo) ? start : lo;
                hi = end.isAfter(hi) ? end : hi;
            }
            turns.put(r, list);
        }
        covered = merge(covered);
        for (List<Rotation> layer : layersHighestFirst(schedule)) {
            List<Instant[]> layerCover = new ArrayList<>();
            for (Rotation r : layer) {
                if (r.participants().isEmpty()) {
                    continue;
                }
                List<Instant[]> windows = windows(r, zone, lo, hi);
                layerCover.addAll(windows);
                for (Shift turn : turns.get(r)) {
                    for (Instant[] piece : intersect(turn.start(), turn.end(), windows)) {
                        for (Instant[] part : subtract(piece, covered)) {
                            if (part[1].isAfter(from) && part[0].isBefore(to)) {
                                keepLongest(byPerson, new Shift(turn.userId(), part[0], part[1], false));
                            }
                        }
                    }
                }
            }
            layerCover.addAll(covered);
            covered = merge(layerCover);
        }
        List<Shift> out = new ArrayList<>();
        byPerson.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparing(Shift::start).thenComparing(Shift::end).thenComparing(Shift::userId));
        return out;
    }

    /** The rotations grouped by layer, the highest layer first, each group in the schedule's order. */
    static List<List<Rotation>> layersHighestFirst(Schedule schedule) {
        TreeMap<Integer, List<Rotation>> byLayer = new TreeMap<>(Comparator.reverseOrder());
        for (Rotation r : schedule.rotations()) {
            byLayer.computeIfAbsent(r.layer(), k -> new ArrayList<>()).add(r);
        }
        return new ArrayList<>(byLayer.values());
    }

    /** Whether the rotation can have someone on call at the instant: inside its active period and restrictions. */
    public static boolean covers(Rotation rotation, ZoneId zone, Instant at) {
        if (!rotation.activeAt(at)) {
            return false;
        }
        if (rotation.restrictions().isEmpty()) {
            return true;
        }
        LocalDate today = LocalDateTime.ofInstant(at, zone).toLocalDate();
        for (Restriction x : rotation.restrictions()) {
            // a window may have started up to its length in days before today
            for (long back = 0; back <= (x.durationMinutes() + 1439) / 1440; back++) {
                LocalDate day = today.minusDays(back);
                if (x.startsOn(day.getDayOfWeek())) {
                    Instant[] w = window(x, zone, day);
                    if (!at.isBefore(w[0]) && at.isBefore(w[1])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One window of a restriction, starting on a local day; its end is wall-clock time after its start. */
    private static Instant[] window(Restriction x, ZoneId zone, LocalDate day) {
        LocalDateTime start = day.atTime(x.startTime());
        return new Instant[] { start.atZone(zone).toInstant(),
                start.plusMinutes(x.durationMinutes()).atZone(zone).toInstant() };
    }

    /**
     * The stretches of {@code [lo, hi)} in which the rotation can have someone on call: from its first hand-off,
     * inside its active period and, when restricted, inside its windows; sorted and merged.
     */
    static List<Instant[]> windows(Rotation r, ZoneId zone, Instant lo, Instant hi) {
        Instant from = later(lo, handoff(r, zone, 0));
        if (r.activeFrom() != null) {
            from = later(from, r.activeFrom());
        }
        Instant to = r.activeUntil() != null && r.activeUntil().isBefore(hi) ? r.activeUntil() : hi;
        if (!from.isBefore(to)) {
            return List.of();
        }
        if (r.restrictions().isEmpty()) {
            return List.<Instant[]>of(new Instant[] { from, to });
        }
        List<Instant[]> out = new ArrayList<>();
        // windows last at most a week, so one that started 8 days before the range cannot reach into it
        LocalDate last = LocalDateTime.ofInstant(to, zone).toLocalDate();
        for (LocalDate d = LocalDateTime.ofInstant(from, zone).toLocalDate().minusDays(8); !d.isAfter(last);
                d = d.plusDays(1)) {
            for (Restriction x : r.restrictions()) {
                if (x.startsOn(d.getDayOfWeek())) {
                    Instant[] w = window(x, zone, d);
                    Instant s = later(w[0], from);
                    Instant e = w[1].isBefore(to) ? w[1] : to;
                    if (s.isBefore(e)) {
                        out.add(new Instant[] { s, e });
                    }
                }
            }
        }
        return merge(out);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Intervals sorted by start, overlapping and touching ones joined. */
    static List<Instant[]> merge(List<Instant[]> intervals) {
        List<Instant[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing((Instant[] i) -> i[0]));
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] i : sorted) {
            if (!out.isEmpty() && !i[0].isAfter(out.get(out.size() - 1)[1])) {
                Instant[] last = out.get(out.size() - 1);
                if (i[1].isAfter(last[1])) {
                    last[1] = i[1];
                }
            } else {
                out.add(new Instant[] { i[0], i[1] });
            }
        }
        return out;
    }

    /** The parts of {@code [start, end)} inside the sorted, merged intervals. */
    private static List<Instant[]> intersect(Instant start, Instant end, List<Instant[]> intervals) {
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] i : intervals) {
            Instant s = later(start, i[0]);
            Instant e = i[1].isBefore(end) ? i[1] : end;
            if (s.isBefore(e)) {
                out.add(new Instant[] { s, e });
            }
        }
        return out;
    }

    /** The parts of the piece that none of the sorted, merged intervals covers. */
    private static List<Instant[]> subtract(Instant[] piece, List<Instant[]> covered) {
        List<Instant[]> parts = new ArrayList<>();
        Instant cursor = piece[0];
        Instant end = piece[1];
        for (Instant[] c : covered) {
            if (!c[0].isBefore(end)) {
                break;
            }
            if (!c[1].isAfter(cursor)) {
                continue;
            }
            if (c[0].isAfter(cursor)) {
                parts.add(new Instant[] { cursor, c[0] });
            }
            cursor = c[1];
            if (!cursor.isBefore(end)) {
                return parts;
            }
        }
        parts.add(new Instant[] { cursor, end });
        return parts;
    }

    private static void keepLongest(Map<UUID, Map<Instant, Shift>> byPerson, Shift s) {
        byPerson.computeIfAbsent(s.userId(), k -> new HashMap<>())
                .merge(s.start(), s, (a, b) -> a.end().isAfter(b.end()) ? a : b);
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
