package dev.klaxon.triage.silence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.klaxon.triage.rule.LabelMatcher;

/**
 * A silence, as in Alertmanager: between {@code startsAt} and {@code endsAt}, firing alerts matching every matcher
 * are recorded as suppressed and page nobody. Matchers see the alert's labels plus {@code service}, {@code source}
 * and {@code integration}, which are the alert's own routing fields.
 */
public record Silence(UUID id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant createdAt, Instant updatedAt, MuteState state) {
}
