package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * One person on call for a stretch of a schedule: a rotation's shift (less any part an override covers), or an
 * override.
 */
public record Shift(UUID userId, Instant start, Instant end, boolean override) {
}
