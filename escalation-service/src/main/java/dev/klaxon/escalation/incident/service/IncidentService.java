package dev.klaxon.escalation.incident.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.klaxon.escalation.config.EscalationConfig;
import dev.klaxon.escalation.engine.Pager;
import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.ResponseTimes;
import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.escalation.incident.messaging.IncidentEvents;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.repository.TimelineRepository;
import dev.klaxon.escalation.policy.EscalationPolicy;
import dev.klaxon.escalation.policy.repository.PolicyRepository;
import dev.klaxon.escalation.user.User;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.Severity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every state change of an incident: open from a signal, add alerts, acknowledge, escalate, reassign, resolve,
 * note. Each runs in the caller's transaction with the incident row locked, records its timeline entry and announces
 * itself through the outbox in that same transaction. Repeating an operation that already took effect changes
 * nothing.
 */
@ApplicationScoped
public class IncidentService {

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final PolicyRepository policies;
    private final IncidentEvents events;
    private final Pager pager;
    private final EscalationConfig config;
    private final ResponseMetrics metrics;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, TimelineRepository timeline, PolicyRepository policies,
            IncidentEvents events, Pager pager, EscalationConfig config, ResponseMetrics metrics, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.policies = policies;
        this.events = events;
        this.pager = pager;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Opens an incident for the signal's key, or adds the alert to the one already open for it. */
    public Uni<Incident> trigger(SqlClient tx, IncidentSignal s) {
        Instant now = clock.instant();
        return incidents.lockOpenByKey(tx, s.incidentKey()).flatMap(open -> open != null ? addAlert(tx, open, s, now)
                : policies.findByNameOrDefault(tx, s.escalationPolicy()).flatMap(policy -> open(tx, s, policy, now)));
    }

    /** Updates the open incident (alert count, severity raise); opens one if none is, so no page is ever lost. */
    public Uni<Incident> update(SqlClient tx, IncidentSignal s) {
        return incidents.lockOpenByKey(tx, s.incidentKey())
                .flatMap(open -> open != null ? addAlert(tx, open, s, clock.instant()) : trigger(tx, s));
    }

    /** Acknowledges the open incident of a key for someone at the source; nothing when none is open. */
    public Uni<Incident> acknowledgeByKey(SqlClient tx, String key, String actor, String via) {
        return incidents.lockOpenByKey(tx, key)
                .flatMap(open -> open == null ? Uni.createFrom().nullItem() : acknowledge(tx, open, actor, via));
    }

    public Uni<Incident> resolveByKey(SqlClient tx, String key, String actor, String via) {
        return incidents.lockOpenByKey(tx, key)
                .flatMap(open -> open == null ? Uni.createFrom().nullItem() : resolve(tx, open, actor, via));
    }

    /** Stops the escalation; everyone paged so far is told on Slack (their page updates in place) or by webhook. */
    public Uni<Incident> acknowledge(SqlClient tx, Incident i, String actor, String via) {
        if (i.status() != IncidentStatus.TRIGGERED) {
            return Uni.createFrom().item(i);
        }
        Instant now = clock.instant();
        Incident acked = i.acknowledged(now, actor);
        // MTTA counts the first acknowledgement only, not the one after a reassignment
        boolean first = i.response().acknowledgeBreached() == null;
        return incidents.update(tx, acked)
                .call(x -> timeline.append(tx, i.id(), now, TimelineEntry.Type.ACKNOWLEDGED, actor, via, null,
                        "Acknowledged by " + actor + " via " + via + "; escalation stopped", Map.of()))
                .call(saved -> events.lifecycle(tx, saved, IncidentLifecycle.Type.ACKNOWLEDGED, actor, via, now))
                .call(saved -> pager.tellPaged(tx, saved, NotificationKind.ACKNOWLEDGED, now,
                        Pager.ACKNOWLEDGEMENT_CHANNELS))
                .invoke(saved -> {
                    if (first) {
                        metrics.acknowledged(saved);
                    }
                });
    }

    public Uni<Incident> resolve(SqlClient tx, Incident i, String actor, String via) {
        if (!i.isOpen()) {
            return Uni.createFrom().item(i);
        }
        Instant now = clock.instant();
        return incidents.update(tx, i.resolved(now, actor))
                .call(x -> timeline.append(tx, i.id(), now, TimelineEntry.Type.RESOLVED, actor, via, null,
                        "Resolved by " + actor + " via " + via, Map.of()))
                .call(saved -> events.lifecycle(tx, saved, IncidentLifecycle.Type.RESOLVED, actor, via, now))
                .call(saved -> pager.tellPaged(tx, saved, NotificationKind.RESOLVED, now))
                .invoke(saved -> metrics.resolved(i, saved));
    }

    /** Escalates to the next step now, for the reason given (a person asking, or a timer). */
    public Uni<Incident> escalate(SqlClient tx, Incident i, String reason, String actor, String via) {
        if (!i.isOpen()) {
            return Uni.createFrom().item(i);
        }
        Instant now = clock.instant();
        return policy(tx, i).flatMap(policy -> {
            if (!Pager.hasNextStep(i, policy)) {
                return pager.exhaust(tx, i, policy, now);
            }
            return timeline.append(tx, i.id(), now, TimelineEntry.Type.ESCALATED, actor, via, null, reason,
                    Map.of("fromStep", i.step(), "cycle", i.cycle()))
                    .flatMap(x -> pager.advance(tx, i, policy, now))
                    .call(saved -> events.lifecycle(tx, saved, IncidentLifecycle.Type.ESCALATED, actor, via, now));
        });
    }

    /**
     * Escalates because the incident is still unresolved past its severity's time, and re-arms that timer; once the
     * ladder has nobody left to page the timer stops (see {@link Pager#exhaust}).
     */
    public Uni<Incident> escalateUnresolved(SqlClient tx, Incident i) {
        Instant now = clock.instant();
        Instant next = config.resolveWithin(i.severity()).map(now::plus).orElse(null);
        return incidents.update(tx, i.withDeadlines(i.ackDeadlineAt(), next))
                .flatMap(saved -> escalate(tx, saved, "Unresolved after " + config.resolveWithin(i.severity())
                        .map(IncidentService::words).orElse("its resolution time") + " (" + i.severity() + ")",
                        "system", "timer"));
    }

    /** "30 min", "2 h", "90 s": a resolution time as the runbooks write it. */
    static String words(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s >= 60 && s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }

    /**
     * Hands the incident to these people: it is TRIGGERED again, they are paged now, and if none of them acknowledges
     * within the current step's timeout the ladder carries on from that step.
     */
    public Uni<Incident> reassignToUsers(SqlClient tx, Incident i, List<User> people, String actor, String via) {
        if (!i.isOpen()) {
            return Uni.createFrom().item(i);
        }
        Instant now = clock.instant();
        Incident moved = i.reassigned(i.policyId(), i.step(), i.cycle());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userIds", people.stream().map(p -> p.id().toString()).toList());
        detail.put("reassign", moved.reassignCount());
        detail.put("fromStatus", i.status().name());
        return timeline.append(tx, i.id(), now, TimelineEntry.Type.REASSIGNED, actor, via, null, "Reassigned to "
                + people.stream().map(User::name).collect(Collectors.joining(", ")) + " by " + actor + " via " + via,
                detail)
                .flatMap(x -> policy(tx, i))
                .flatMap(policy -> pager.pageReassigned(tx, moved, policy, people, actor, via, now))
                .call(saved -> events.lifecycle(tx, saved, IncidentLifecycle.Type.REASSIGNED, actor, via, now));
    }

    /** Moves the incident to another escalation policy: TRIGGERED again, its ladder restarted at step 1 and paged. */
    public Uni<Incident> reassignToPolicy(SqlClient tx, Incident i, EscalationPolicy policy, String actor,
            String via) {
        if (!i.isOpen()) {
            return Uni.createFrom().item(i);
        }
        Instant now = clock.instant();
        Incident moved = i.reassigned(policy.id(), 0, 0);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("escalationPolicyId", policy.id().toString());
        detail.put("fromEscalationPolicyId", i.policyId() == null ? null : i.policyId().toString());
        detail.put("reassign", moved.reassignCount());
        detail.put("fromStatus", i.status().name());
        return timeline.append(tx, i.id(), now, TimelineEntry.Type.REASSIGNED, actor, via, null,
                "Reassigned to escalation policy " + policy.name() + " by " + actor + " via " + via, detail)
                .flatMap(x -> pager.pageCurrentStep(tx, moved, policy, NotificationKind.TRIGGERED, now))
                .call(saved -> events.lifecycle(tx, saved, IncidentLifecycle.Type.REASSIGNED, actor, via, now));
    }

    public Uni<Void> note(SqlClient tx, Incident i, String actor, String text) {
        return timeline.append(tx, i.id(), clock.instant(), TimelineEntry.Type.NOTE, actor, "api", null, text,
                Map.of());
    }

    private Uni<Incident> open(SqlClient tx, IncidentSignal s, EscalationPolicy policy, Instant now) {
        Instant resolveDeadline = config.resolveTimeoutEnabled()
                ? config.resolveWithin(s.severity()).map(now::plus).orElse(null)
                : null;
        Incident fresh = new Incident(UUID.randomUUID(), 0, s.incidentKey(), s.title(), s.description(),
                s.severity(), s.service(), IncidentStatus.TRIGGERED, policy == null ? null : policy.id(), 0, 0,
                Math.max(1, s.alertCount()), s.links(), now, null, null, null, null, null, resolveDeadline, 0,
                ResponseTimes.targets(config.acknowledgeWithin(s.severity()), config.resolveWithin(s.severity())),
                null);
        return incidents.insertIfNoneOpen(tx, fresh).flatMap(inserted -> {
            if (inserted == null) {
                // another transaction opened it first: this signal is one more alert for that incident
                return incidents.lockOpenByKey(tx, s.incidentKey()).flatMap(open -> addAlert(tx, open, s, now));
            }
            return timeline.append(tx, inserted.id(), now, TimelineEntry.Type.TRIGGERED, "triage-service", "source",
                    null, "Triggered: " + s.title() + " (" + s.severity() + ")",
                    Map.of("source", String.valueOf(s.sourceType()), "dedupKey", String.valueOf(s.dedupKey())))
                    .flatMap(x -> events.lifecycle(tx, inserted, IncidentLifecycle.Type.OPENED, "triage-service",
                            "source", now))
                    .flatMap(x -> pager.pageCurrentStep(tx, inserted, policy, NotificationKind.TRIGGERED, now));
        });
    }

    private Uni<Incident> addAlert(SqlClient tx, Incident open, IncidentSignal s, Instant now) {
        Severity severity = s.severity() != null && s.severity().higherThan(open.severity()) ? s.severity()
                : open.severity();
        boolean raised = severity != open.severity();
        int count = Math.max(open.alertCount() + (s.action() == IncidentSignal.Action.TRIGGER ? 1 : 0),
                s.alertCount());
        Incident updated = open.withAlerts(count, severity);
        if (raised) {
            // judged against the targets of the severity it has now, for what is not judged yet; and escalated if
            // still unresolved that long after the trigger, not after the time of the severity it opened with
            updated = updated.withResponse(open.response().retargeted(config.acknowledgeWithin(severity),
                    config.resolveWithin(severity)));
            if (config.resolveTimeoutEnabled()) {
                updated = updated.withResolveDeadlineFromTrigger(config.resolveWithin(severity), now);
            }
        }
        Uni<Incident> saved = incidents.update(tx, updated)
                .call(x -> timeline.append(tx, open.id(), now, TimelineEntry.Type.ALERT_ADDED, "triage-service",
                        "source", null, "Alert added (" + count + " in all)", Map.of("alertCount", count)));
        if (!raised) {
            return saved;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", open.severity().name());
        detail.put("to", severity.name());
        detail.put("resolveDeadlineAt", updated.resolveDeadlineAt() == null ? null
                : updated.resolveDeadlineAt().toString());
        return saved.call(x -> timeline.append(tx, open.id(), now, TimelineEntry.Type.SEVERITY_RAISED,
                "triage-service", "source", null, "Severity raised from " + open.severity() + " to " + severity,
                detail))
                .call(x -> events.lifecycle(tx, x, IncidentLifecycle.Type.SEVERITY_RAISED, "triage-service", "source",
                        now));
    }

    private Uni<EscalationPolicy> policy(SqlClient tx, Incident i) {
        return i.policyId() == null ? Uni.createFrom().nullItem() : policies.find(tx, i.policyId());
    }
}
