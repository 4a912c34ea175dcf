package dev.klaxon.triage.alertgroup.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.triage.alertgroup.AlertGroup;
import dev.klaxon.triage.alertgroup.repository.AlertGroupRepository;
import dev.klaxon.triage.rule.RuleBook;
import dev.klaxon.triage.rule.RuleEngine.Decision;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns alerts into incident signals, in the caller's transaction: the first firing alert of a problem opens an
 * alert group and triggers an incident; more alerts join it (signalled only when the severity rises); the group
 * resolves its incident when every alert in it is resolved. Signals leave through the outbox.
 */
@ApplicationScoped
public class TriageService {

    static final String SOURCE = "triage-service";

    private final AlertGroupRepository groups;
    private final RuleBook rules;
    private final Outbox outbox;
    private final Clock clock;

    public TriageService(AlertGroupRepository groups, RuleBook rules, Outbox outbox, Clock clock) {
        this.groups = groups;
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> triage(SqlClient tx, UUID eventId, NormalizedAlert alert) {
        Instant now = clock.instant();
        return rules.decide(alert, now).flatMap(d -> {
            if (d.suppressed()) {
                return log(tx, eventId, alert, d, null, "suppressed by rule");
            }
            String groupKey = alert.integrationId() + ":" + alert.dedupKey();
            return switch (alert.status()) {
                case FIRING -> firing(tx, eventId, alert, d, groupKey, now);
                case RESOLVED -> resolved(tx, eventId, alert, d, groupKey, now);
                case ACKNOWLEDGED -> groups.lockOpen(tx, groupKey).flatMap(g -> log(tx, eventId, alert, d,
                        g == null ? null : g.id(), "acknowledged at the source; recorded"));
            };
        });
    }

    private Uni<Void> firing(SqlClient tx, UUID eventId, NormalizedAlert alert, Decision d, String groupKey,
            Instant now) {
        return groups.lockOpen(tx, groupKey).flatMap(open -> {
            if (open != null) {
                return joinGroup(tx, eventId, alert, d, open);
            }
            UUID id = UUID.randomUUID();
            AlertGroup fresh = new AlertGroup(id, groupKey, id.toString(), alert.service(), alert.title(),
                    d.severity(), d.escalationPolicy(), true, 1, alert.occurredAt(), alert.occurredAt());
            return groups.insertIfNoneOpen(tx, fresh, alert.integrationId(), alert.sourceType()).flatMap(inserted -> {
                if (inserted == null) {
                    // another consumer opened it a moment ago: this alert joins that incident
                    return groups.lockOpen(tx, groupKey).flatMap(g -> joinGroup(tx, eventId, alert, d, g));
                }
                return groups.upsertMember(tx, id, alert.dedupKey(), AlertStatus.FIRING, alert.occurredAt())
                        .flatMap(x -> signal(tx, IncidentSignal.Action.TRIGGER, inserted, alert, d, 1, now))
                        .flatMap(x -> log(tx, eventId, alert, d, id, "opened incident " + inserted.incidentKey()));
            });
        });
    }

    private Uni<Void> joinGroup(SqlClient tx, UUID eventId, NormalizedAlert alert, Decision d, AlertGroup open) {
        boolean raised = d.severity().higherThan(open.severity());
        return groups.upsertMember(tx, open.id(), alert.dedupKey(), AlertStatus.FIRING, alert.occurredAt())
                .flatMap(x -> groups.recordAlert(tx, open.id(), raised ? d.severity() : open.severity(),
                        alert.occurredAt()))
                .flatMap(updated -> raised
                        ? signal(tx, IncidentSignal.Action.UPDATE, updated, alert, d, updated.alertCount(),
                                clock.instant())
                                .flatMap(x -> log(tx, eventId, alert, d, open.id(), "severity raised from "
                                        + open.severity() + " to " + d.severity()))
                        : log(tx, eventId, alert, d, open.id(), "duplicate of open incident " + open.incidentKey()
                                + " (" + updated.alertCount() + " alerts)"));
    }

    private Uni<Void> resolved(SqlClient tx, UUID eventId, NormalizedAlert alert, Decision d, String groupKey,
            Instant now) {
        return groups.lockOpen(tx, groupKey).flatMap(open -> {
            if (open == null) {
                return log(tx, eventId, alert, d, null, "resolved with no open incident; nothing to do");
            }
            return groups.upsertMember(tx, open.id(), alert.dedupKey(), AlertStatus.RESOLVED, alert.occurredAt())
                    .flatMap(x -> groups.allResolved(tx, open.id()))
                    .flatMap(all -> !all ? log(tx, eventId, alert, d, open.id(), "alert resolved; others still firing")
                            : groups.close(tx, open.id(), now)
                                    .flatMap(x -> signal(tx, IncidentSignal.Action.RESOLVE, open, alert, d,
                                            open.alertCount(), now))
                                    .flatMap(x -> log(tx, eventId, alert, d, open.id(), "resolved incident "
                                            + open.incidentKey())));
        });
    }

    private Uni<Void> signal(SqlClient tx, IncidentSignal.Action action, AlertGroup group, NormalizedAlert alert,
            Decision d, int alertCount, Instant now) {
        Map<String, String> labels = new HashMap<>(alert.labels());
        labels.putAll(d.addLabels());
        IncidentSignal s = new IncidentSignal(action, group.incidentKey(), alert.title(), alert.description(),
                group.severity() == null ? d.severity() : d.severity().higherThan(group.severity()) ? d.severity()
                        : group.severity(),
                alert.service(), group.escalationPolicy(), alert.dedupKey(), alert.sourceType(), alertCount,
                alert.links(), labels, now);
        return outbox.add(tx, Topics.INCIDENTS_SIGNALS, group.incidentKey(),
                EventEnvelope.of(s.eventType(), SOURCE, now, s));
    }

    private Uni<Void> log(SqlClient tx, UUID eventId, NormalizedAlert alert, Decision d, UUID groupId,
            String outcome) {
        return groups.log(tx, eventId, alert.receivedAt() == null ? clock.instant() : alert.receivedAt(),
                alert.integrationId(), alert.service(), alert.dedupKey(), alert.status(), alert.title(), d.severity(),
                d.rule() == null ? null : d.rule().id(), d.reason(), d.suppressed(), groupId, outcome);
    }
}
