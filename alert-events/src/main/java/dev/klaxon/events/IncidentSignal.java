package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What triage tells escalation on {@code incidents.signals}, keyed by {@link #incidentKey()}: open, update,
 * acknowledge or resolve the incident that stands for a problem. Built with {@link #builder()}.
 *
 * @param incidentKey triage's identity for the problem (stable while the incident is open)
 * @param escalationPolicy name of the escalation policy to walk; null for the service default
 * @param alertCount how many alerts the incident holds so far
 * @param actor who at the source caused it, in words (an integration's name); null from old producers
 * @param via how it came, in words ("PagerDuty Events API"); null from old producers
 */
public record IncidentSignal(Action action, String incidentKey, String title, String description, Severity severity,
        String service, String escalationPolicy, String dedupKey, String sourceType, int alertCount,
        List<Link> links, Map<String, String> labels, Instant occurredAt, String actor, String via) {

    public static final String EVENT_TYPE_PREFIX = "incident.signal.";

    /** What the signal asks for. */
    public enum Action {
        TRIGGER, UPDATE,
        /** The source says someone acknowledged the problem (PagerDuty Events API {@code acknowledge}). */
        ACKNOWLEDGE,
        RESOLVE
    }

    public IncidentSignal {
        links = links == null ? List.of() : List.copyOf(links);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String eventType() {
        return EVENT_TYPE_PREFIX + action.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names every value, so that no signal is built from a row of positional nulls. */
    public static final class Builder {
        private Action action;
        private String incidentKey;
        private String title;
        private String description;
        private Severity severity;
        private String service;
        private String escalationPolicy;
        private String dedupKey;
        private String sourceType;
        private int alertCount = 1;
        private List<Link> links;
        private Map<String, String> labels;
        private Instant occurredAt;
        private String actor;
        private String via;

        private Builder() {
        }

        public Builder action(Action v) {
            action = v;
            return this;
        }

        public Builder incidentKey(String v) {
            incidentKey = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder service(String v) {
            service = v;
            return this;
        }

        public Builder escalationPolicy(String v) {
            escalationPolicy = v;
            return this;
        }

        public Builder dedupKey(String v) {
            dedupKey = v;
            return this;
        }

        public Builder sourceType(String v) {
            sourceType = v;
            return this;
        }

        public Builder alertCount(int v) {
            alertCount = v;
            return this;
        }

        public Builder links(List<Link> v) {
            links = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        public Builder occurredAt(Instant v) {
            occurredAt = v;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder via(String v) {
            via = v;
            return this;
        }

        public IncidentSignal build() {
            return new IncidentSignal(action, incidentKey, title, description, severity, service, escalationPolicy,
                    dedupKey, sourceType, alertCount, links, labels, occurredAt, actor, via);
        }
    }
}
