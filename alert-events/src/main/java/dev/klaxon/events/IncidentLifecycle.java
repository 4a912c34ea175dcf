package dev.klaxon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A state change of an incident on {@code incidents.lifecycle}, keyed by incident id.
 *
 * @param number the human incident number (INC-42)
 * @param incidentKey the triage key the incident was opened for
 * @param actor who caused it (user id, "system" for timers)
 * @param via the channel it came through: api, slack, sms, email, timer, source
 * @param incident the incident as it stands after the change (what channel messages show); null from old producers
 */
public record IncidentLifecycle(Type type, UUID incidentId, long number, String incidentKey, String title,
        Severity severity, String service, String status, String actor, String via, Instant at,
        IncidentSummary incident) {

    public static final String EVENT_TYPE_PREFIX = "incident.";

    /** The state change. */
    public enum Type {
        OPENED, ACKNOWLEDGED, ESCALATED, SEVERITY_RAISED, REASSIGNED, RESOLVED
    }

    public String eventType() {
        return EVENT_TYPE_PREFIX + type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
