package dev.klaxon.escalation.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.Severity;

/**
 * A problem someone must own: opened by a triage signal, walked up its escalation policy on durable timers until
 * acknowledged, and resolved by a person or by its source.
 *
 * @param step the current escalation step (0-based) and {@code cycle} how many times the ladder was restarted
 * @param ackDeadlineAt when the current step times out unacknowledged (null when nothing is pending)
 * @param resolveDeadlineAt when staying unresolved escalates to the next step
 * @param reassignCount how many times someone reassigned the incident (to people or to another escalation policy)
 * @param response time to acknowledge and to resolve, against the severity's response targets, and whether each was
 *        breached
 * @param exhaustedAt when this walk of the ladder ran out of steps (ESCALATION_EXHAUSTED was recorded and both timers
 *        stopped); null while a step remains, and again once a reassignment or another step carries the walk on
 */
public record Incident(UUID id, long number, String incidentKey, String title, String description,
        Severity severity, String service, IncidentStatus status, UUID policyId, int step, int cycle, int alertCount,
        List<Link> links, Instant createdAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
        String resolvedBy, Instant ackDeadlineAt, Instant resolveDeadlineAt, int reassignCount,
        ResponseTimes response, Instant exhaustedAt) {

    /** "INC-42". */
    public String reference() {
        return "INC-" + number;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOpen() {
        return status != IncidentStatus.RESOLVED;
    }

    /** What notifications say about this incident. */
    public IncidentSummary summary() {
        return new IncidentSummary(id, number, title, description, severity, service, status.name(), createdAt,
                acknowledgedAt, acknowledgedBy, resolvedAt, step, links);
    }

    /** Moved to another step of the ladder (or the start of a repeat): the walk goes on, so it is not exhausted. */
    public Incident withStep(int newStep, int newCycle) {
        return new Incident(id, number, incidentKey, title, description, severity, service, status, policyId,
                newStep, newCycle, alertCount, links, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt,
                resolvedBy, ackDeadlineAt, resolveDeadlineAt, reassignCount, response, null);
    }

    public Incident withDeadlines(Instant ackDeadline, Instant resolveDeadline) {
        return new Incident(id, number, incidentKey, title, description, severity, service, status, policyId, step,
                cycle, alertCount, links, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy,
                ackDeadline, resolveDeadline, reassignCount, response, exhaustedAt);
    }

    public Incident withAlerts(int newAlertCount, Severity newSeverity) {
        return new Incident(id, number, incidentKey, title, description, newSeverity, service, status, policyId,
                step, cycle, newAlertCount, links, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy,
                ackDeadlineAt, resolveDeadlineAt, reassignCount, response, exhaustedAt);
    }

    /**
     * The resolve timer armed from the trigger for this resolution time (the severity changed): due now if that
     * instant has passed, off for a severity without one. Stays off once the ladder is exhausted: nobody is left to
     * page, so firing could only record that again.
     */
    public Incident withResolveDeadlineFromTrigger(Optional<Duration> resolveWithin, Instant now) {
        if (exhaustedAt != null) {
            return this;
        }
        Instant due = resolveWithin.map(createdAt::plus).map(at -> at.isBefore(now) ? now : at).orElse(null);
        return withDeadlines(ackDeadlineAt, due);
    }

    /**
     * Every step was paged and no repeat is left: neither timer is armed, since one could only record that again.
     * When the walk first ran out is kept.
     */
    public Incident exhausted(Instant at) {
        return new Incident(id, number, incidentKey, title, description, severity, service, status, policyId, step,
                cycle, alertCount, links, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, null,
                null, reassignCount, response, exhaustedAt != null ? exhaustedAt : at);
    }

    /** The same incident judged against other response targets (its severity was raised). */
    public Incident withResponse(ResponseTimes newResponse) {
        return new Incident(id, number, incidentKey, title, description, severity, service, status, policyId, step,
                cycle, alertCount, links, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy,
                ackDeadlineAt, resolveDeadlineAt, reassignCount, newResponse, exhaustedAt);
    }

    /**
     * Acknowledged: the acknowledge timer is disarmed; the resolve timer keeps running. The time to acknowledge is
     * that of the first acknowledgement, so acknowledging again after a reassignment does not change it.
     */
    public Incident acknowledged(Instant at, String by) {
        return new Incident(id, number, incidentKey, title, description, severity, service,
                IncidentStatus.ACKNOWLEDGED, policyId, step, cycle, alertCount, links, createdAt, at, by, resolvedAt,
                resolvedBy, null, resolveDeadlineAt, reassignCount,
                response.acknowledged(Duration.between(createdAt, at)), exhaustedAt);
    }

    /** Resolved: every timer is disarmed. */
    public Incident resolved(Instant at, String by) {
        return new Incident(id, number, incidentKey, title, description, severity, service, IncidentStatus.RESOLVED,
                policyId, step, cycle, alertCount, links, createdAt, acknowledgedAt, acknowledgedBy, at, by, null,
                null, reassignCount, response.resolved(Duration.between(createdAt, at)), exhaustedAt);
    }

    /**
     * Reassigned: owned again by nobody until the new assignees acknowledge (status back to TRIGGERED), on the given
     * policy and step, a new walk of the ladder (not exhausted); the timers are armed by whoever pages them.
     */
    public Incident reassigned(UUID newPolicyId, int newStep, int newCycle) {
        return new Incident(id, number, incidentKey, title, description, severity, service, IncidentStatus.TRIGGERED,
                newPolicyId, newStep, newCycle, alertCount, links, createdAt, null, null, resolvedAt, resolvedBy, null,
                resolveDeadlineAt, reassignCount + 1, response, null);
    }
}
