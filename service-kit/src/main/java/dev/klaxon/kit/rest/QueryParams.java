package dev.klaxon.kit.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/** Reads list filters from query parameters; anything malformed is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An enum constant by name, any case; null when absent. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String param) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(param, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO instant; null when absent. */
    public static Instant instant(String value, String param) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(param, "must be an instant such as 2026-11-24T09:00:00Z");
        }
    }

    /** A UUID; null when absent. */
    public static UUID uuid(String value, String param) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(param, "must be a UUID");
        }
    }

    /** A number within bounds, or the default when absent. */
    public static int bounded(Integer value, int dflt, int min, int max, String param) {
        if (value == null) {
            return dflt;
        }
        if (value < min || value > max) {
            throw ProblemException.badRequest(param, "must be between " + min + " and " + max);
        }
        return value;
    }
}
