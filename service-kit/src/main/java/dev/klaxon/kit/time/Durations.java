package dev.klaxon.kit.time;

import java.time.Duration;
import java.util.Locale;

/** Durations as operators write them in APIs and settings. */
public final class Durations {

    private Durations() {
    }

    /**
     * A positive duration written as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30M}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Duration parse(String raw) {
        String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException();
                };
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be a positive duration such as 90s, 30m, 2h, 1d or PT30M");
        }
    }
}
