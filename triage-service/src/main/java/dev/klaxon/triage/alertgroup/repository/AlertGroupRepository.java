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

    /** The open group an alert (by its integration:dedup key) already belongs to, locked; null when none. */
    public Uni<AlertGroup> lockOpenByMember(SqlClient tx, String alertKey) {
        return tx.preparedQuery("SELECT g.* FROM alert_group g JOIN alert_group_member m ON m.group_id = g.id "
                + "WHERE m.alert_key = $1 AND g.open ORDER BY g.opened_at DESC LIMIT 1 FOR UPDATE OF g")
                .execute(Tuple.of(alertKey)).map(AlertGroupRepository::first);
    }

    /** An open group and the state of one alert in it. */
    public record Membership(AlertGroup group, AlertStatus status) {
    }

    /** The open group an alert belongs to, locked, with the alert's state in it; null when none. */
    public Uni<Membership> lockOpenWithMember(SqlClient tx, String alertKey) {
        return tx.preparedQuery("SELECT g.*, m.status AS member_status FROM alert_group g JOIN alert_group_member m "
                + "ON m.group_id = g.id WHERE m.alert_key = $1 AND g.open ORDER BY g.opened_at DESC LIMIT 1 "
                + "FOR UPDATE OF g").execute(Tuple.of(alertKey)).map(rows -> {
                    AlertGroup g = first(rows);
                    return g == null ? null : new Membership(g, AlertStatus.valueOf(rows.iterator().next()
                            .getString("member_status")));
                });
    }

    /** Opens a group unless one is open for its key (another replica may have just done so); null then. */
    public Uni<AlertGroup> insertIfNoneOpen(SqlClient tx, AlertGroup g, String integrationId, String sourceType) {
        return tx.preparedQuery("INSERT INTO alert_group (id, group_key, incident_key, kind, integration_id, service, "
                + "source_type, title, severity, escalation_policy, auto_resolve, alert_count, first_seen, last_seen, "
                + "opened_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) "
                + "ON CONFLICT (group_key) WHERE open DO NOTHING RETURNING *")
                .execute(Tuple.from(new Object[] { g.id(), g.groupKey(), g.incidentKey(), g.kind().name(),
                        integrationId, g.service(), sourceType, g.title(), g.severity().name(), g.escalationPolicy(),
                        g.autoResolve(), g.alertCount(), utc(g.firstSeen()), utc(g.lastSeen()), utc(g.openedAt()) }))
                .map(AlertGroupRepository::first);
    }

    /**
     * Stops new alerts joining a group whose window has passed: its key is made unique to it, so a new group can
     * open under the old key while this one stays open for the alerts already in it.
     */
    public Uni<Void> retire(SqlClient tx, UUID groupId) {
        return tx.preparedQuery("UPDATE alert_group SET group_key = group_key || '#' || id::text WHERE id = $1")
                .execute(Tuple.of(groupId)).replaceWithVoid();
    }

    /** How many incidents a service opened since an instant, storms not counted. */
    public Uni<Long> openedSince(SqlClient tx, String service, Instant since) {
        return tx.preparedQuery("SELECT count(*) AS n FROM alert_group WHERE service = $1 AND opened_at > $2 "
                + "AND kind <> 'STORM'").execute(Tuple.of(service, utc(since)))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Counts duplicates of alerts already in the group. */
    public Uni<Void> recordAlerts(SqlClient tx, UUID groupId, int count, Severity severity, Instant seen) {
        return tx.preparedQuery("UPDATE alert_group SET alert_count = alert_count + $2, severity = $3, "
                + "last_seen = GREATEST(last_seen, $4) WHERE id = $1")
                .execute(Tuple.of(groupId, count, severity.name(), utc(seen))).replaceWithVoid();
    }

    public Uni<AlertGroup> recordAlert(SqlClient tx, UUID groupId, Severity severity, Instant seen) {
        return tx.preparedQuery("UPDATE alert_group SET alert_count = alert_count + 1, severity = $2, "
                + "last_seen = GREATEST(last_seen, $3) WHERE id = $1 RETURNING *")
                .execute(Tuple.of(groupId, severity.name(), utc(seen))).map(AlertGroupRepository::first);
    }

    /** Records an alert's state in a group; true when the alert is new to the group. */
    public Uni<Boolean> upsertMember(SqlClient tx, UUID groupId, String alertKey, AlertStatus status, Instant seen) {
        return tx.preparedQuery("INSERT INTO alert_group_member (group_id, alert_key, status, last_seen) "
                + "VALUES ($1,$2,$3,$4) ON CONFLICT (group_id, alert_key) DO UPDATE SET status = EXCLUDED.status, "
                + "last_seen = EXCLUDED.last_seen RETURNING (xmax = 0) AS inserted")
                .execute(Tuple.of(groupId, alertKey, status.name(), utc(seen)))
                .map(rows -> rows.iterator().next().getBoolean("inserted"));
    }

    /** How many distinct alerts a group holds. */
    public Uni<Integer> memberCount(SqlClient tx, UUID groupId) {
        return tx.preparedQuery("SELECT count(*) AS n FROM alert_group_member WHERE group_id = $1")
                .execute(Tuple.of(groupId)).map(rows -> rows.iterator().next().getLong("n").intValue());
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

    private static AlertGroup first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row r = it.next();
        return new AlertGroup(r.getUUID("id"), r.getString("group_key"), r.getString("incident_key"),
                AlertGroup.Kind.valueOf(r.getString("kind")), r.getString("service"), r.getString("title"),
                Severity.valueOf(r.getString("severity")), r.getString("escalation_policy"), r.getBoolean("open"),
                r.getBoolean("auto_resolve"), r.getInteger("alert_count"), r.getOffsetDateTime("first_seen").toInstant(),
                r.getOffsetDateTime("last_seen").toInstant(), r.getOffsetDateTime("opened_at").toInstant());
    }

    private static java.time.OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
