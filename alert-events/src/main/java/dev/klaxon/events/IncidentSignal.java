package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What triage tells escalation on {@code incidents.signals}, keyed by {@link #incidentKey()}: open, update or resolve
 * the incident that stands for a problem.
 *
 * @param incidentKey triage's identity for the problem (stable while the incident is open)
 * @param escalationPolicy name of the escalation policy to walk; null for the service default
 * @param alertCount how many alerts the incident holds so far
 */
public record IncidentSignal(Action action, String incidentKey, String title, String description, Severity severity,
        String service, String escalationPolicy, String dedupKey, String sourceType, int alertCount,
        List<Link> links, Map<String, String> labels, Instant occurredAt) {

    public static final String EVENT_TYPE_PREFIX = "incident.signal.";

    /** What the signal asks for. */
    public enum Action {
        TRIGGER, UPDATE, RESOLVE
    }

    public IncidentSignal {
        links = links == null ? List.of() : List.copyOf(links);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String eventType() {
        return EVENT_TYPE_PREFIX + action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
