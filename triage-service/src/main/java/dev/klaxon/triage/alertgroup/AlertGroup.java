package dev.klaxon.triage.alertgroup;

import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.Severity;

/**
 * One problem: the alerts that make up one incident. {@code incidentKey} is what escalation-service knows the
 * incident by; a group stays open until every alert in it is resolved (when it auto-resolves) or the incident is
 * resolved.
 */
public record AlertGroup(UUID id, String groupKey, String incidentKey, Kind kind, String service, String title,
        Severity severity, String escalationPolicy, boolean open, boolean autoResolve, int alertCount,
        Instant firstSeen, Instant lastSeen, Instant openedAt) {

    /** How a group gathers its alerts. */
    public enum Kind {
        /** One alert (one integration and dedup key). */
        ALERT,
        /** Alerts of one service with the same values of a rule's {@code groupBy} labels. */
        GROUP,
        /** Every new alert of a service while it opens more incidents than storm control allows. */
        STORM
    }
}
