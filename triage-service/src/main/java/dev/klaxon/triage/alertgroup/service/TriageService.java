package dev.klaxon.triage.alertgroup.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.kit.messaging.Sequential;
import dev.klaxon.triage.alertgroup.AlertGroup;
import dev.klaxon.triage.alertgroup.AlertGroup.Kind;
import dev.klaxon.triage.alertgroup.repository.AlertGroupRepository;
import dev.klaxon.triage.alertgroup.repository.AlertGroupRepository.Duplicates;
import dev.klaxon.triage.alertgroup.repository.AlertGroupRepository.Membership;
import dev.klaxon.triage.alertgroup.repository.AlertLogRepository;
import dev.klaxon.triage.config.TriageConfig;
import dev.klaxon.triage.rule.RuleBook;
import dev.klaxon.triage.rule.RuleEngine.Decision;
import dev.klaxon.triage.silence.Mute;
import dev.klaxon.triage.silence.SilenceBook;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns alerts into incident signals, in the caller's transaction. A firing alert that silences, maintenance or a
 * rule mute is recorded and pages nobody. Otherwise it joins the open group it already belongs to, or the open
 * group of its {@code groupBy} values, or — while its service is in a storm — the service's storm group; failing
 * all of those it opens a group, which triggers an incident. Joining is signalled only when it adds a new alert
 * to a group or raises the severity. A group resolves its incident when every alert in it is resolved. Signals
 * leave through the outbox.
 */
@ApplicationScoped
public class TriageService {

    static final String SOURCE = "triage-service";

    private final AlertGroupRepository groups;
    private final AlertLogRepository alertLog;
    private final RuleBook rules;
    private final SilenceBook silences;
    private final Outbox outbox;
    private final Clock clock;
    private final TriageConfig.Storm storm;

    public TriageService(AlertGroupRepository groups, AlertLogRepository alertLog, RuleBook rules, SilenceBook silences, Outbox outbox,
            Clock clock, TriageConfig config) {
        this.groups = groups;
        this.alertLog = alertLog;
        this.rules = rules;
        this.silences = silences;
        this.outbox = outbox;
        this.clock = clock;
        this.storm = config.storm();
    }

    /** One alert's triage: what it is, and where it goes. */
    private record Triage(SqlClient tx, Batch batch, UUID eventId, NormalizedAlert alert, Decision d,
            String alertKey, Instant now) {
    }

    /**
     * What one transaction's alerts have in common: the open groups of its alert keys, read and locked in one
     * statement before the first alert; the groups they were placed in; duplicates not yet written to their group;
     * and the alert log rows, all written at the end in few statements.
     */
    public static final class Batch {
        /** Keys whose open group was read up front and not yet used; only a key's own alerts change its entry. */
        private final Set<String> prefetched = new HashSet<>();
        private final Map<String, Membership> membershipOf = new HashMap<>();
        /** Groups this transaction changed: what was read up front about them is stale. */
        private final Set<UUID> changed = new HashSet<>();
        private final Map<String, AlertGroup> groupOf = new HashMap<>();
        private final Map<UUID, PendingDuplicates> pending = new LinkedHashMap<>();
        private final List<AlertLogRepository.Entry> log = new ArrayList<>();
    }

    /** Duplicates of an open group's alerts seen in this batch and not yet counted in the group. */
    private static final class PendingDuplicates {
        int count;
        Instant lastSeen;
    }

    /** Triages one alert in its own transaction's batch. */
    public Uni<Void> triage(SqlClient tx, UUID eventId, NormalizedAlert alert) {
        Batch batch = new Batch();
        return triage(tx, batch, eventId, alert).flatMap(x -> finish(tx, batch));
    }

    /** Triages alerts in order, in one transaction. */
    public Uni<Void> triageAll(SqlClient tx, List<EventEnvelope<NormalizedAlert>> events) {
        Batch batch = new Batch();
        Set<String> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.add(alertKey(e.payload())));
        return groups.lockOpenWithMembers(tx, keys).flatMap(found -> {
            batch.prefetched.addAll(keys);
            batch.membershipOf.putAll(found);
            return Sequential.each(events, e -> triage(tx, batch, e.eventId(), e.payload()));
        }).flatMap(x -> finish(tx, batch));
    }

    private static String alertKey(NormalizedAlert alert) {
        return alert.integrationId() + ":" + alert.dedupKey();
    }

    /** The open group an alert belongs to, locked, with its state there: read up front when still valid. */
    private Uni<Membership> membership(Triage t) {
        Batch b = t.batch();
        if (b.prefetched.remove(t.alertKey())) {
            Membership m = b.membershipOf.remove(t.alertKey());
            if (m == null || !b.changed.contains(m.group().id())) {
                return Uni.createFrom().item(m);
            }
        }
        return groups.lockOpenWithMember(t.tx(), t.alertKey());
    }

    private Uni<Void> triage(SqlClient tx, Batch batch, UUID eventId, NormalizedAlert alert) {
        Instant now = clock.instant();
        String alertKey = alertKey(alert);
        return rules.decide(alert, now).flatMap(d -> {
            Triage t = new Triage(tx, batch, eventId, alert, d, alertKey, now);
            return switch (alert.status()) {
                case FIRING -> silences.mute(alert, now).flatMap(mute -> {
                    if (mute.isPresent()) {
                        return log(t, mute.get(), null, "suppressed: " + mute.get().reason());
                    }
                    if (d.suppressed()) {
                        return log(t, null, null, "suppressed by rule");
                    }
                    AlertGroup known = batch.groupOf.get(alertKey);
                    if (known != null && !d.severity().higherThan(known.severity())) {
                        // a duplicate of an alert this transaction already placed: counted when the batch ends
                        pendingDuplicate(t, known);
                        return log(t, null, known.id(), "duplicate of open incident " + known.incidentKey());
                    }
                    return flush(t, known).flatMap(x -> firing(t));
                });
                case RESOLVED -> flush(t, batch.groupOf.remove(alertKey)).flatMap(x -> resolved(t));
                case ACKNOWLEDGED -> flush(t, batch.groupOf.get(alertKey)).flatMap(x -> acknowledged(t));
            };
        });
    }

    private static void pendingDuplicate(Triage t, AlertGroup group) {
        PendingDuplicates p = t.batch().pending.computeIfAbsent(group.id(), k -> new PendingDuplicates());
        p.count++;
        Instant seen = t.alert().occurredAt();
        p.lastSeen = p.lastSeen == null || seen.isAfter(p.lastSeen) ? seen : p.lastSeen;
    }

    /** Writes a group's pending duplicates, so that what follows sees the group as it is. */
    private Uni<Void> flush(Triage t, AlertGroup group) {
        PendingDuplicates p = group == null ? null : t.batch().pending.remove(group.id());
        if (p == null) {
            return Uni.createFrom().voidItem();
        }
        t.batch().changed.add(group.id());
        return groups.recordDuplicates(t.tx(), List.of(new Duplicates(group.id(), p.count, p.lastSeen)));
    }

    /** Ends a batch: pending duplicates counted in their groups, the alert log written in one statement. */
    private Uni<Void> finish(SqlClient tx, Batch batch) {
        Set<UUID> placed = new HashSet<>();
        batch.groupOf.values().forEach(g -> placed.add(g.id()));
        List<Duplicates> pending = batch.pending.entrySet().stream().filter(e -> placed.contains(e.getKey()))
                .map(e -> new Duplicates(e.getKey(), e.getValue().count, e.getValue().lastSeen)).toList();
        batch.pending.clear();
        return groups.recordDuplicates(tx, pending).flatMap(x -> alertLog.appendAll(tx, batch.log));
    }

    private Uni<Void> firing(Triage t) {
        return membership(t).flatMap(membership -> {
            if (membership != null) {
                AlertGroup mine = membership.group();
                if (membership.status() == AlertStatus.FIRING && !t.d().severity().higherThan(mine.severity())) {
                    // still firing in its open group: a duplicate, counted when the batch ends
                    t.batch().groupOf.put(t.alertKey(), mine);
                    pendingDuplicate(t, mine);
                    return log(t, null, mine.id(), "duplicate of open incident " + mine.incidentKey());
                }
                return join(t, mine);
            }
            var grouped = t.d().groupKey(t.alert());
            if (grouped.isEmpty()) {
                return stormOrOpen(t, t.alertKey(), Kind.ALERT);
            }
            return groups.lockOpen(t.tx(), grouped.get()).flatMap(open -> {
                if (open == null) {
                    return stormOrOpen(t, grouped.get(), Kind.GROUP);
                }
                if (open.openedAt().plus(t.d().groupWindow()).isAfter(t.now())) {
                    return join(t, open);
                }
                t.batch().changed.add(open.id());
                return groups.retire(t.tx(), open.id()).flatMap(x -> stormOrOpen(t, grouped.get(), Kind.GROUP));
            });
        });
    }

    private Uni<Void> stormOrOpen(Triage t, String groupKey, Kind kind) {
        String service = t.alert().service();
        if (!storm.enabled() || service == null) {
            return open(t, groupKey, kind);
        }
        return groups.openedSince(t.tx(), service, t.now().minus(storm.window())).flatMap(recent -> {
            if (recent < storm.threshold()) {
                return open(t, groupKey, kind);
            }
            String stormKey = "storm:" + service;
            return groups.lockOpen(t.tx(), stormKey)
                    .flatMap(open -> open != null ? join(t, open) : open(t, stormKey, Kind.STORM));
        });
    }

    private Uni<Void> open(Triage t, String groupKey, Kind kind) {
        NormalizedAlert alert = t.alert();
        UUID id = UUID.randomUUID();
        String title = kind == Kind.STORM ? "Alert storm on " + alert.service() + ": more than " + storm.threshold()
                + " incidents within " + storm.window().toMinutes() + " min; new alerts join this incident"
                : alert.title();
        AlertGroup fresh = new AlertGroup(id, groupKey, id.toString(), kind, alert.service(), title,
                t.d().severity(), t.d().escalationPolicy(), true, t.d().autoResolve(), 1, alert.occurredAt(),
                alert.occurredAt(), t.now());
        return groups.insertIfNoneOpen(t.tx(), fresh, alert.integrationId(), alert.sourceType()).flatMap(inserted -> {
            if (inserted == null) {
                // another replica opened it a moment ago: this alert joins that incident
                return groups.lockOpen(t.tx(), groupKey).flatMap(g -> join(t, g));
            }
            t.batch().groupOf.put(t.alertKey(), inserted);
            return groups.upsertMember(t.tx(), id, t.alertKey(), AlertStatus.FIRING, alert.occurredAt())
                    .flatMap(x -> signal(t, IncidentSignal.Action.TRIGGER, inserted, 1))
                    .flatMap(x -> log(t, null, id, (kind == Kind.STORM ? "opened storm incident "
                            : "opened incident ") + inserted.incidentKey()));
        });
    }

    private Uni<Void> join(Triage t, AlertGroup open) {
        boolean raised = t.d().severity().higherThan(open.severity());
        t.batch().changed.add(open.id());
        return groups.upsertMember(t.tx(), open.id(), t.alertKey(), AlertStatus.FIRING, t.alert().occurredAt())
                .flatMap(added -> groups.recordAlert(t.tx(), open.id(), raised ? t.d().severity() : open.severity(),
                        t.alert().occurredAt()).flatMap(updated -> {
                            t.batch().groupOf.put(t.alertKey(), updated);
                            String what = raised ? "severity raised from " + open.severity() + " to "
                                    + t.d().severity() : added ? "alert added to " + open.kind().name().toLowerCase()
                                            + " incident " + open.incidentKey() + " (" + updated.alertCount()
                                            + " alerts)" : "duplicate of open incident " + open.incidentKey() + " ("
                                                    + updated.alertCount() + " alerts)";
                            if (!raised && !added) {
                                return log(t, null, open.id(), what);
                            }
                            return signal(t, IncidentSignal.Action.UPDATE, updated, updated.alertCount())
                                    .flatMap(x -> log(t, null, open.id(), what));
                        }));
    }

    /**
     * The source says someone acknowledged the alert (PagerDuty Events API {@code acknowledge}): its open incident
     * is acknowledged in their name, as an acknowledgement from Slack would be. The group stays open, so the same
     * alert firing again is a duplicate and pages nobody.
     */
    private Uni<Void> acknowledged(Triage t) {
        return membership(t).flatMap(membership -> {
            if (membership == null) {
                return log(t, null, null, "acknowledged at the source; no open incident to acknowledge");
            }
            AlertGroup open = membership.group();
            return signal(t, IncidentSignal.Action.ACKNOWLEDGE, open, open.alertCount())
                    .flatMap(x -> log(t, null, open.id(), "acknowledged at the source; incident "
                            + open.incidentKey() + " acknowledged"));
        });
    }

    private Uni<Void> resolved(Triage t) {
        return membership(t).flatMap(membership -> {
            if (membership == null) {
                return log(t, null, null, "resolved with no open incident; nothing to do");
            }
            AlertGroup open = membership.group();
            t.batch().changed.add(open.id());
            return groups.upsertMember(t.tx(), open.id(), t.alertKey(), AlertStatus.RESOLVED, t.alert().occurredAt())
                    .flatMap(x -> groups.allResolved(t.tx(), open.id()))
                    .flatMap(all -> {
                        if (!all) {
                            return log(t, null, open.id(), "alert resolved; others still firing");
                        }
                        if (!open.autoResolve()) {
                            return log(t, null, open.id(), "every alert resolved; incident " + open.incidentKey()
                                    + " waits for a person to resolve it");
                        }
                        t.batch().groupOf.values().removeIf(g -> g.id().equals(open.id()));
                        return groups.close(t.tx(), open.id(), t.now())
                                .flatMap(x -> signal(t, IncidentSignal.Action.RESOLVE, open, open.alertCount()))
                                .flatMap(x -> log(t, null, open.id(), "resolved incident " + open.incidentKey()));
                    });
        });
    }

    private Uni<Void> signal(Triage t, IncidentSignal.Action action, AlertGroup group, int alertCount) {
        NormalizedAlert alert = t.alert();
        Decision d = t.d();
        Map<String, String> labels = new HashMap<>(alert.labels());
        labels.putAll(d.addLabels());
        if (group.kind() == Kind.STORM) {
            labels.put("klaxon_storm", "true");
        }
        // only a firing alert can raise the severity; an acknowledgement or a resolution says nothing about it
        boolean raises = alert.status() == AlertStatus.FIRING && d.severity().higherThan(group.severity());
        IncidentSignal s = IncidentSignal.builder().action(action).incidentKey(group.incidentKey())
                .title(group.title()).description(alert.description())
                .severity(raises ? d.severity() : group.severity()).service(alert.service())
                .escalationPolicy(group.escalationPolicy()).dedupKey(alert.dedupKey()).sourceType(alert.sourceType())
                .alertCount(alertCount).links(alert.links()).labels(labels).occurredAt(t.now())
                .actor(alert.integrationName()).via(alert.senderName()).build();
        return outbox.add(t.tx(), Topics.INCIDENTS_SIGNALS, group.incidentKey(),
                EventEnvelope.of(s.eventType(), SOURCE, t.now(), s));
    }

    private Uni<Void> log(Triage t, Mute mute, UUID groupId, String outcome) {
        NormalizedAlert alert = t.alert();
        Decision d = t.d();
        t.batch().log.add(new AlertLogRepository.Entry(t.eventId(), alert.receivedAt() == null ? t.now()
                : alert.receivedAt(), alert.integrationId(), alert.service(), alert.dedupKey(), alert.status(),
                alert.title(), d.severity(), d.rule() == null ? null : d.rule().id(), d.reason(),
                mute != null || d.suppressed(), mute == null ? null : mute.mutedBy(), groupId, outcome));
        return Uni.createFrom().voidItem();
    }
}
