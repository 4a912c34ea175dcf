package dev.klaxon.importer.source;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.klaxon.importer.plan.Specs;

/** What the three mappers share: Klaxon's limits and the small conversions onto its model. */
public final class Mapping {

    /** escalation-service's longest step timeout and most repeats. */
    public static final int MAX_TIMEOUT_SECONDS = 604800;
    public static final int MAX_REPEAT = 20;
    /** A rotation restriction window lasts at most a week. */
    public static final int MAX_WINDOW_MINUTES = 7 * 24 * 60;

    private Mapping() {
    }

    /** An E.164 number Klaxon accepts, or null. */
    public static String e164(String countryCode, String number) {
        if (number == null) {
            return null;
        }
        String digits = number.replaceAll("[^0-9]", "");
        String cc = countryCode == null ? "" : countryCode.replaceAll("[^0-9]", "");
        String out = number.strip().startsWith("+") ? "+" + digits : "+" + cc + digits;
        return out.matches("^\\+[1-9][0-9]{6,14}$") ? out : null;
    }

    /** The zone if it is an IANA zone Java knows, else null. */
    public static String zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.strip()).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Rules by delay, without duplicates. */
    public static List<Specs.Rule> rules(List<Specs.Rule> rules) {
        List<Specs.Rule> out = new ArrayList<>(new LinkedHashSet<>(rules));
        out.sort(Comparator.comparingInt(Specs.Rule::delayMinutes).thenComparing(Specs.Rule::contactType));
        return out;
    }

    /** Names unique among those already given (Klaxon's schedule, team and policy names are unique). */
    public static final class Names {
        private final Set<String> used = new HashSet<>();

        public String unique(String name, String id) {
            String n = name == null || name.isBlank() ? id : name.strip();
            if (n.length() > 190) {
                n = n.substring(0, 190);
            }
            if (used.add(n.toLowerCase(Locale.ROOT))) {
                return n;
            }
            String other = n + " (" + id + ")";
            used.add(other.toLowerCase(Locale.ROOT));
            return other;
        }
    }

    /**
     * Moves a rotation's first hand-off back by whole cycles of its participants until it is no later than
     * {@code notAfter}: the same people are on call at every instant after it.
     */
    public static LocalDateTime startNoLaterThan(LocalDateTime start, String type, int shiftLength, int participants,
            LocalDateTime notAfter) {
        LocalDateTime s = start;
        long cycle = (long) shiftLength * Math.max(1, participants);
        while (s.isAfter(notAfter)) {
            s = switch (type) {
                case "WEEKLY" -> s.minusWeeks(cycle);
                case "DAILY" -> s.minusDays(cycle);
                default -> s.minusHours(cycle);
            };
        }
        return s;
    }

    /** The rotation type and shift length for a turn length, when it is whole hours, days or weeks. */
    public record Turn(String type, int length, boolean exact) {
    }

    public static Turn turn(Duration d) {
        long s = d.getSeconds();
        if (s > 0 && s % (7 * 86400) == 0) {
            return new Turn("WEEKLY", (int) (s / (7 * 86400)), true);
        }
        if (s > 0 && s % 86400 == 0) {
            return new Turn("DAILY", (int) (s / 86400), true);
        }
        if (s > 0 && s % 3600 == 0) {
            return new Turn("HOURLY", (int) (s / 3600), true);
        }
        return new Turn("HOURLY", (int) Math.max(1, Math.round(s / 3600.0)), false);
    }

    /**
     * The reference of the placeholder for turns that belong to nobody (Opsgenie's "none"): Klaxon has it on call,
     * the source has nobody, and the on-call check counts both as nobody.
     */
    public static boolean isNobody(String ref) {
        return ref != null && ref.endsWith(":nobody");
    }

    /** A person Klaxon cannot page, standing in for someone the source still has on a rotation. */
    public static Specs.Person placeholder(String ref, String name) {
        return new Specs.Person(ref, name, null, null, null, null, "placeholder", List.of(), true);
    }
}
