package dev.klaxon.ingest.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A sender's way in: its source type, the service its alerts are for, and its integration key.
 *
 * @param secret optional shared secret for senders that sign requests; never returned by the API
 */
public record Integration(UUID id, String name, SourceType sourceType, String service, String key, String secret,
        boolean enabled, Instant createdAt, Instant updatedAt) {
}
