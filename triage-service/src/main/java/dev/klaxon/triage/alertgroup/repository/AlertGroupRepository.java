package dev.klaxon.triage.alertgroup.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * For each alert key, the open group it belongs to (the newest, when more than one) with the alert's state in
     * it, every such group locked in id order so concurrent batches cannot deadlock; keys in no open group are
     * absent from the map.
     */
    public Uni<Map<String, Membership>> lockOpenWithMembers(SqlClient tx, Collection<String> alertKeys) {
        if (alertKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("SELECT g.*, m.alert_key AS member_key, m.status AS member_status "
                + "FROM alert_group g JOIN alert_group_member m ON m.group_id = g.id "
                + "WHERE m.alert_key = ANY($1) AND g.open ORDER BY g.id FOR UPDATE OF g")
                .execute(Tuple.of(alertKeys.toArray(String[]::new))).map(rows -> {
                    Map<String, Membership> out = new HashMap<>();
                    for (Row r : rows) {
                        Membership m = new Membership(group(r), AlertStatus.valueOf(r.getString("member_status")));
                        out.merge(r.getString("member_key"), m, (a, b) ->
                                b.group().openedAt().isAfter(a.group().openedAt()) ? b : a);
                    }
                    return out;
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

    /** Duplicates of alerts already in a group: how many, and when the last was seen. */
    public record Duplicates(UUID groupId, int count, Instant lastSeen) {
    }

    /** Counts duplicates of alerts already in their groups, every group in one statement. */
    public Uni<Void> recordDuplicates(SqlClient tx, List<Duplicates> duplicates) {
        if (duplicates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = duplicates.size();
        UUID[] ids = new UUID[n];
        Integer[] counts = new Integer[n];
        OffsetDateTime[] seen = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ids[i] = duplicates.get(i).groupId();
            counts[i] = duplicates.get(i).count();
            seen[i] = utc(duplicates.get(i).lastSeen());
        }
        return tx.preparedQuery("UPDATE alert_group g SET alert_count = g.alert_count + d.n, "
                + "last_seen = GREATEST(g.last_seen, d.seen) "
                + "FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS d(id, n, seen) WHERE g.id = d.id")
                .execute(Tuple.of(ids, counts, seen)).replaceWithVoid();
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
        return it.hasNext() ? group(it.next()) : null;
    }

    private static AlertGroup group(Row r) {
        return new AlertGroup(r.getUUID("id"), r.getString("group_key"), r.getString("incident_key"),
                AlertGroup.Kind.valueOf(r.getString("kind")), r.getString("service"), r.getString("title"),
                Severity.valueOf(r.getString("severity")), r.getString("escalation_policy"), r.getBoolean("open"),
                r.getBoolean("auto_resolve"), r.getInteger("alert_count"), r.getOffsetDateTime("first_seen").toInstant(),
                r.getOffsetDateTime("last_seen").toInstant(), r.getOffsetDateTime("opened_at").toInstant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
