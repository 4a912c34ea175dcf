package dev.klaxon.ingest.heartbeat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.heartbeat.HeartbeatMonitor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Heartbeat monitors in PostgreSQL. */
@ApplicationScoped
public class HeartbeatRepository {

    private final Pool pool;

    public HeartbeatRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<HeartbeatMonitor> insert(HeartbeatMonitor m) {
        return pool.preparedQuery("INSERT INTO heartbeat_monitor (id, name, service, heartbeat_key, interval_seconds, "
                + "grace_seconds) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *")
                .execute(Tuple.of(m.id(), m.name(), m.service(), m.key(), m.intervalSeconds(), m.graceSeconds()))
                .map(HeartbeatRepository::first);
    }

    public Uni<HeartbeatMonitor> update(UUID id, String name, String service, int interval, int grace) {
        return pool.preparedQuery("UPDATE heartbeat_monitor SET name=$2, service=$3, interval_seconds=$4, "
                + "grace_seconds=$5, due_at = CASE WHEN state = 'UP' THEN last_ping_at + make_interval(secs => ($4::int + $5::int)) "
                + "ELSE due_at END WHERE id=$1 RETURNING *")
                .execute(Tuple.of(id, name, service, interval, grace)).map(HeartbeatRepository::first);
    }

    public Uni<List<HeartbeatMonitor>> list() {
        return pool.query("SELECT * FROM heartbeat_monitor ORDER BY name, id").execute().map(HeartbeatRepository::all);
    }

    public Uni<HeartbeatMonitor> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM heartbeat_monitor WHERE id = $1").execute(Tuple.of(id))
                .map(HeartbeatRepository::first);
    }

    public Uni<HeartbeatMonitor> rotateKey(UUID id, String key) {
        return pool.preparedQuery("UPDATE heartbeat_monitor SET heartbeat_key = $2 WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, key)).map(HeartbeatRepository::first);
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM heartbeat_monitor WHERE id = $1").execute(Tuple.of(id))
                .map(r -> r.rowCount() == 1);
    }

    /** Records a ping and arms the next deadline; answers the monitor as it was before, locked. */
    public Uni<HeartbeatMonitor> lockByKey(SqlClient tx, String key) {
        return tx.preparedQuery("SELECT * FROM heartbeat_monitor WHERE heartbeat_key = $1 FOR UPDATE")
                .execute(Tuple.of(key)).map(HeartbeatRepository::first);
    }

    public Uni<Void> markPinged(SqlClient tx, HeartbeatMonitor m, Instant at) {
        return tx.preparedQuery("UPDATE heartbeat_monitor SET state = 'UP', last_ping_at = $2::timestamptz, "
                + "due_at = $2::timestamptz + make_interval(secs => interval_seconds + grace_seconds) WHERE id = $1")
                .execute(Tuple.of(m.id(), at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** UP monitors whose deadline passed, locked with SKIP LOCKED so replicas raise each alert once. */
    public Uni<List<HeartbeatMonitor>> lockOverdue(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("SELECT * FROM heartbeat_monitor WHERE state = 'UP' AND due_at <= $1 ORDER BY due_at "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED").execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(HeartbeatRepository::all);
    }

    public Uni<Void> markDown(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE heartbeat_monitor SET state = 'DOWN', due_at = NULL WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    private static HeartbeatMonitor first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static List<HeartbeatMonitor> all(RowSet<Row> rows) {
        List<HeartbeatMonitor> out = new ArrayList<>();
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    private static HeartbeatMonitor map(Row r) {
        return new HeartbeatMonitor(r.getUUID("id"), r.getString("name"), r.getString("service"),
                r.getString("heartbeat_key"), r.getInteger("interval_seconds"), r.getInteger("grace_seconds"),
                HeartbeatMonitor.State.valueOf(r.getString("state")), instant(r.getOffsetDateTime("last_ping_at")),
                instant(r.getOffsetDateTime("due_at")), instant(r.getOffsetDateTime("created_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
