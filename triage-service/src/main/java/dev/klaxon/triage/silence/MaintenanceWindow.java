package dev.klaxon.triage.silence;

import java.time.Instant;
import java.util.UUID;

/** Planned work on one service: while it is on, the service's firing alerts are recorded as suppressed. */
public record MaintenanceWindow(UUID id, String service, Instant startsAt, Instant endsAt, String reason,
        String createdBy, Instant createdAt, MuteState state) {
}
