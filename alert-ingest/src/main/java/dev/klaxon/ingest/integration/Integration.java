package dev.klaxon.ingest.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A sender's way in: its source type, the service its alerts are for, and its integration key.
 *
 * @param secret optional shared secret for senders that sign requests; never returned by the API
 * @param acknowledgeIncidents whether an acknowledgement the sender reports (PagerDuty Events API
 *        {@code acknowledge}, Better Stack {@code acknowledged}) acknowledges the incident; when off it is recorded
 *        in the request log and changes nothing
 * @param externalRef where the integration came from when it was imported from another tool; unique, may be null
 */
public record Integration(UUID id, String name, SourceType sourceType, String service, String key, String secret,
        boolean enabled, boolean acknowledgeIncidents, Instant createdAt, Instant updatedAt, String externalRef) {
}
