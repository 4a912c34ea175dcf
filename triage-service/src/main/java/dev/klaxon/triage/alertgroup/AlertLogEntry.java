package dev.klaxon.triage.alertgroup;

import java.time.Instant;
import java.util.UUID;

/** What triage decided for one alert event: kept for every alert, suppressed and muted ones included. */
public record AlertLogEntry(long id, UUID eventId, Instant receivedAt, String integrationId, String service,
        String dedupKey, String status, String title, String severity, UUID ruleId, String reason, boolean suppressed,
        String mutedBy, String incidentKey, String outcome) {
}
