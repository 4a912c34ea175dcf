package dev.klaxon.triage.alertgroup;

import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.Severity;

/**
 * One problem: the alerts that make up one incident. {@code incidentKey} is what escalation-service knows the
 * incident by; a group stays open until every alert in it is resolved or the incident is resolved.
 */
public record AlertGroup(UUID id, String groupKey, String incidentKey, String service, String title,
        Severity severity, String escalationPolicy, boolean open, int alertCount, Instant firstSeen,
        Instant lastSeen) {
}
