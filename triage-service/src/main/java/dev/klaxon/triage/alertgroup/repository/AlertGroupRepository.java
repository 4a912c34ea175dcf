package dev.klaxon.triage.alertgroup.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Severity;
import dev.klaxon.triage.alertgroup.AlertGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Alert groups and their members; every method joins the caller's transaction. */
@ApplicationScoped
public class AlertGroupRepository {

    /** The open group for a key, locked for this transaction; null when there is none. */
    public Uni<AlertGroup> lockOpen(SqlClient tx, String groupKey) {
        return tx.preparedQuery("SELECT * FROM alert_group WHERE group_key = $1 AND open FOR UPDATE")
                .execute(Tuple.of(groupKey)).map(AlertGroupRepository::first);
    }

    /** Opens a group unless one is open for its key (another replica may have just done so); null then. */
    public Uni<AlertGroup> insertIfNoneOpen(SqlClient tx, AlertGroup g, String integrationId, String sourceType) {
        return tx.preparedQuery("INSERT INTO alert_group (id, group_key, incident_key, integration_id, service, "
                + "source_type, title, severity, escalation_policy, alert_count, first_seen, last_seen) "
                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) "
                + "ON CONFLICT (group_key) WHERE open DO NOTHING RETURNING *")
                .execute(Tuple.from(new Object[] { g.id(), g.groupKey(), g.incidentKey(), integrationId, g.service(),
                        sourceType, g.title(), g.severity().name(), g.escalationPolicy(), g.alertCount(),
                        utc(g.firstSeen()), utc(g.lastSeen()) }))
                .map(AlertGroupRepository::first);
    }

    public Uni<AlertGroup> recordAlert(SqlClient tx, UUID groupId, Severity severity, Instant seen) {
        return tx.preparedQuery("UPDATE alert_group SET alert_count = alert_count + 1, severity = $2, "
                + "last_seen = GREATEST(last_seen, $3) WHERE id = $1 RETURNING *")
                .execute(Tuple.of(groupId, severity.name(), utc(seen))).map(AlertGroupRepository::first);
    }

    public Uni<Void> upsertMember(SqlClient tx, UUID groupId, String dedupKey, AlertStatus status, Instant seen) {
        return tx.preparedQuery("INSERT INTO alert_group_member (group_id, dedup_key, status, last_seen) "
                + "VALUES ($1,$2,$3,$4) ON CONFLICT (group_id, dedup_key) DO UPDATE SET status = EXCLUDED.status, "
                + "last_seen = EXCLUDED.last_seen").execute(Tuple.of(groupId, dedupKey, status.name(), utc(seen)))
                .replaceWithVoid();
    }

    public Uni<Boolean> allResolved(SqlClient tx, UUID groupId) {
        return tx.preparedQuery("SELECT count(*) FILTER (WHERE status <> 'RESOLVED') AS open FROM alert_group_member "
                + "WHERE group_id = $1").execute(Tuple.of(groupId))
                .map(rows -> rows.iterator().next().getLong("open") == 0);
    }

    public Uni<Void> close(SqlClient tx, UUID groupId, Instant at) {
        return tx.preparedQuery("UPDATE alert_group SET open = FALSE, resolved_at = $2 WHERE id = $1 AND open")
                .execute(Tuple.of(groupId, utc(at))).replaceWithVoid();
    }

    /** Closes the open group of an incident resolved by a person; true when there was one. */
    public Uni<Boolean> closeByIncidentKey(SqlClient tx, String incidentKey, Instant at) {
        return tx.preparedQuery("UPDATE alert_group SET open = FALSE, resolved_at = $2 WHERE incident_key = $1 "
                + "AND open").execute(Tuple.of(incidentKey, utc(at))).map(r -> r.rowCount() == 1);
    }

    public Uni<Void> log(SqlClient tx, UUID eventId, Instant receivedAt, String integrationId, String service,
            String dedupKey, AlertStatus status, String title, Severity severity, UUID ruleId, String reason,
            boolean suppressed, UUID groupId, String outcome) {
        return tx.preparedQuery("INSERT INTO alert_log (event_id, received_at, integration_id, service, dedup_key, "
                + "status, title, severity, rule_id, reason, suppressed, group_id, outcome) "
                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)")
                .execute(Tuple.from(new Object[] { eventId, utc(receivedAt), integrationId, service, dedupKey,
                        status.name(), title, severity == null ? null : severity.name(), ruleId, reason, suppressed,
                        groupId, outcome }))
                .replaceWithVoid();
    }

    private static AlertGroup first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row r = it.next();
        return new AlertGroup(r.getUUID("id"), r.getString("group_key"), r.getString("incident_key"),
                r.getString("service"), r.getString("title"), Severity.valueOf(r.getString("severity")),
                r.getString("escalation_policy"), r.getBoolean("open"), r.getInteger("alert_count"),
                r.getOffsetDateTime("first_seen").toInstant(), r.getOffsetDateTime("last_seen").toInstant());
    }

    private static java.time.OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
