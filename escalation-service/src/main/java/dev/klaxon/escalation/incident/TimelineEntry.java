package dev.klaxon.escalation.incident;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One typed, append-only line of an incident's history. */
public record TimelineEntry(long id, UUID incidentId, Instant at, Type type, String actor, String via, UUID userId,
        String message, Map<String, Object> detail) {

    /** What happened. */
    public enum Type {
        TRIGGERED, ALERT_ADDED, SEVERITY_RAISED, NOTIFIED, DELIVERED, DELIVERY_FAILED, ACKNOWLEDGED, ESCALATED,
        ESCALATION_EXHAUSTED, NO_ONE_TO_PAGE, NOTE, RESOLVED, REASSIGNED
    }
}
