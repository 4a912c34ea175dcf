package dev.klaxon.importer.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.klaxon.importer.source.Source.SourceShift;

/**
 * The on-call comparison: at which instants to ask, and who should be on call there according to the source. Pure, so
 * the choice of instants and the verdict are unit-tested.
 */
public final class OnCallCheck {

    /** Samples are taken off the hour, so that they do not all fall on hand-offs. */
    static final Duration SAMPLE_OFFSET = Duration.ofMinutes(7);

    private OnCallCheck() {
    }

    /** Disagreement at one instant: the people (references) each side has on call. */
    public record Mismatch(Instant at, Set<String> source, Set<String> klaxon) {
    }

    /**
     * Every hand-off of the source's final schedule inside {@code [from, to)} (the instant itself and the second
     * before, so a hand-off at the wrong time shows on either side), plus one instant every {@code every}.
     */
    public static List<Instant> instants(List<SourceShift> shifts, Instant from, Instant to, Duration every) {
        TreeSet<Instant> out = new TreeSet<>();
        for (SourceShift s : shifts) {
            for (Instant edge : new Instant[] { s.start(), s.end() }) {
                if (!edge.isBefore(from) && edge.isBefore(to)) {
                    out.add(edge);
                    if (!edge.minusSeconds(1).isBefore(from)) {
                        out.add(edge.minusSeconds(1));
                    }
                }
            }
        }
        for (Instant t = from.plus(SAMPLE_OFFSET); t.isBefore(to); t = t.plus(every)) {
            out.add(t);
        }
        return new ArrayList<>(out);
    }

    /** Who the source has on call at the instant: the people of every shift covering it. */
    public static Set<String> expected(List<SourceShift> shifts, Instant at) {
        Set<String> out = new TreeSet<>();
        for (SourceShift s : shifts) {
            if (!at.isBefore(s.start()) && at.isBefore(s.end())) {
                out.add(s.personRef());
            }
        }
        return out;
    }

    /** The instants at which Klaxon's answer differs from the source's, in order. */
    public static List<Mismatch> compare(List<SourceShift> shifts, List<Instant> instants,
            Function<Instant, Set<String>> klaxon) {
        List<Mismatch> out = new ArrayList<>();
        for (Instant t : instants) {
            Set<String> want = expected(shifts, t);
            Set<String> got = new TreeSet<>(klaxon.apply(t));
            if (!want.equals(got)) {
                out.add(new Mismatch(t, want, got));
            }
        }
        return out;
    }

    /** Mismatches at consecutive instants with the same disagreement, joined: one line per wrong stretch. */
    public static List<Mismatch> collapse(List<Mismatch> mismatches) {
        List<Mismatch> out = new ArrayList<>();
        for (Mismatch m : mismatches) {
            if (!out.isEmpty()) {
                Mismatch last = out.get(out.size() - 1);
                if (last.source().equals(m.source()) && last.klaxon().equals(m.klaxon())) {
                    continue;
                }
            }
            out.add(m);
        }
        return out;
    }

    /** The names to print for references. */
    public static String names(Set<String> refs, Map<String, String> names) {
        if (refs.isEmpty()) {
            return "nobody";
        }
        List<String> out = new ArrayList<>();
        refs.forEach(r -> out.add(names.getOrDefault(r, r)));
        return String.join(", ", out);
    }
}
