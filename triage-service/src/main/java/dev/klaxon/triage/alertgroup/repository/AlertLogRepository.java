package dev.klaxon.triage.alertgroup.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Severity;
import dev.klaxon.triage.alertgroup.AlertLogEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The alert log: one row per alert event triage saw, with what it decided, so nothing is dropped unseen. */
@ApplicationScoped
public class AlertLogRepository {

    /** Filters of the alert log; null means any. */
    public record Filter(String service, String dedupKey, Boolean suppressed, String incidentKey, Instant since,
            int limit) {
    }

    private final Pool pool;

    public AlertLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** One decision to record. */
    public record Entry(UUID eventId, Instant receivedAt, String integrationId, String service, String dedupKey,
            AlertStatus status, String title, Severity severity, UUID ruleId, String reason, boolean suppressed,
            String mutedBy, UUID groupId, String outcome) {
    }

    /** Records decisions in the caller's transaction, in one statement. */
    public Uni<Void> appendAll(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        UUID[] eventIds = new UUID[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        String[] integrations = new String[n];
        String[] services = new String[n];
        String[] dedupKeys = new String[n];
        String[] statuses = new String[n];
        String[] titles = new String[n];
        String[] severities = new String[n];
        UUID[] rules = new UUID[n];
        String[] reasons = new String[n];
        Boolean[] suppressed = new Boolean[n];
        String[] mutedBy = new String[n];
        UUID[] groups = new UUID[n];
        String[] outcomes = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            eventIds[i] = e.eventId();
            received[i] = e.receivedAt().atOffset(ZoneOffset.UTC);
            integrations[i] = e.integrationId();
            services[i] = e.service();
            dedupKeys[i] = e.dedupKey();
            statuses[i] = e.status().name();
            titles[i] = e.title();
            severities[i] = e.severity() == null ? null : e.severity().name();
            rules[i] = e.ruleId();
            reasons[i] = e.reason();
            suppressed[i] = e.suppressed();
            mutedBy[i] = e.mutedBy();
            groups[i] = e.groupId();
            outcomes[i] = e.outcome();
        }
        return tx.preparedQuery("INSERT INTO alert_log (event_id, received_at, integration_id, service, dedup_key, "
                + "status, title, severity, rule_id, reason, suppressed, muted_by, group_id, outcome) "
                + "SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], "
                + "$6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::boolean[], $12::text[], "
                + "$13::uuid[], $14::text[])")
                .execute(Tuple.from(new Object[] { eventIds, received, integrations, services, dedupKeys, statuses,
                        titles, severities, rules, reasons, suppressed, mutedBy, groups, outcomes }))
                .replaceWithVoid();
    }

    /** Newest first. */
    public Uni<List<AlertLogEntry>> list(Filter f) {
        return pool.preparedQuery("SELECT l.*, g.incident_key FROM alert_log l LEFT JOIN alert_group g "
                + "ON g.id = l.group_id WHERE ($1::text IS NULL OR l.service = $1) "
                + "AND ($2::text IS NULL OR l.dedup_key = $2) AND ($3::boolean IS NULL OR l.suppressed = $3) "
                + "AND ($4::text IS NULL OR g.incident_key = $4) AND ($5::timestamptz IS NULL OR l.received_at >= $5) "
                + "ORDER BY l.id DESC LIMIT $6")
                .execute(Tuple.from(new Object[] { f.service(), f.dedupKey(), f.suppressed(), f.incidentKey(),
                        f.since() == null ? null : f.since().atOffset(ZoneOffset.UTC), f.limit() }))
                .map(rows -> {
                    List<AlertLogEntry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new AlertLogEntry(r.getLong("id"), r.getUUID("event_id"),
                                r.getOffsetDateTime("received_at").toInstant(), r.getString("integration_id"),
                                r.getString("service"), r.getString("dedup_key"), r.getString("status"),
                                r.getString("title"), r.getString("severity"), r.getUUID("rule_id"),
                                r.getString("reason"), r.getBoolean("suppressed"), r.getString("muted_by"),
                                r.getString("incident_key"), r.getString("outcome")));
                    }
                    return out;
                });
    }
}
