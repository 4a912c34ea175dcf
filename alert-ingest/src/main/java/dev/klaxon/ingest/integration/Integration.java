package dev.klaxon.ingest.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A sender's way in: its source type, the service its alerts are for, and its integration key.
 *
 * @param secret optional shared secret for senders that sign requests; never returned by the API
 * @param externalRef where the integration came from when it was imported from another tool; unique, may be null
 */
public record Integration(UUID id, String name, SourceType sourceType, String service, String key, String secret,
        boolean enabled, Instant createdAt, Instant updatedAt, String externalRef) {

    /** An integration that no other tool knows. */
    public Integration(UUID id, String name, SourceType sourceType, String service, String key, String secret,
            boolean enabled, Instant createdAt, Instant updatedAt) {
        this(id, name, sourceType, service, key, secret, enabled, createdAt, updatedAt, null);
    }
}
