package dev.klaxon.triage.silence.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.klaxon.triage.silence.MaintenanceWindow;
import dev.klaxon.triage.silence.MuteState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Maintenance windows in PostgreSQL; ending one early sets its end, so past windows stay listed. */
@ApplicationScoped
public class MaintenanceRepository {

    private final Pool pool;

    public MaintenanceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(MaintenanceWindow w) {
        return pool.preparedQuery("INSERT INTO maintenance_window (id, service, starts_at, ends_at, reason, "
                + "created_by) VALUES ($1,$2,$3,$4,$5,$6)").execute(Tuple.from(new Object[] { w.id(), w.service(),
                        SilenceRepository.utc(w.startsAt()), SilenceRepository.utc(w.endsAt()), w.reason(),
                        w.createdBy() }))
                .replaceWithVoid();
    }

    /** Replaces a window that has not yet ended; false when there is none such. */
    public Uni<Boolean> update(MaintenanceWindow w, Instant now) {
        return pool.preparedQuery("UPDATE maintenance_window SET service=$2, starts_at=$3, ends_at=$4, reason=$5 "
                + "WHERE id=$1 AND ends_at > $6").execute(Tuple.from(new Object[] { w.id(), w.service(),
                        SilenceRepository.utc(w.startsAt()), SilenceRepository.utc(w.endsAt()), w.reason(),
                        SilenceRepository.utc(now) }))
                .map(r -> r.rowCount() == 1);
    }

    /** Ends a window now (a pending one is cancelled); false when it had already ended. */
    public Uni<Boolean> end(UUID id, Instant now) {
        return pool.preparedQuery("UPDATE maintenance_window SET starts_at = LEAST(starts_at, $2 - interval "
                + "'1 millisecond'), ends_at = $2 WHERE id = $1 AND ends_at > $2")
                .execute(Tuple.of(id, SilenceRepository.utc(now))).map(r -> r.rowCount() == 1);
    }

    public Uni<MaintenanceWindow> find(UUID id, Instant now) {
        return pool.preparedQuery("SELECT * FROM maintenance_window WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> map(rows, now).stream().findFirst().orElse(null));
    }

    /** Windows in a state (all when null), for one service (all when null), latest start first. */
    public Uni<List<MaintenanceWindow>> list(String service, MuteState state, Instant now, int limit) {
        String where = MuteState.sqlCondition(state);
        return pool.preparedQuery("SELECT * FROM maintenance_window WHERE " + where
                + " AND ($3::text IS NULL OR service = $3) ORDER BY starts_at DESC LIMIT $2")
                .execute(Tuple.of(SilenceRepository.utc(now), limit, service)).map(rows -> map(rows, now));
    }

    /** Every window that has not yet ended. */
    public Uni<List<MaintenanceWindow>> live(Instant now) {
        return pool.preparedQuery("SELECT * FROM maintenance_window WHERE ends_at > $1")
                .execute(Tuple.of(SilenceRepository.utc(now))).map(rows -> map(rows, now));
    }

    private static List<MaintenanceWindow> map(RowSet<Row> rows, Instant now) {
        List<MaintenanceWindow> out = new ArrayList<>();
        for (Row r : rows) {
            Instant starts = r.getOffsetDateTime("starts_at").toInstant();
            Instant ends = r.getOffsetDateTime("ends_at").toInstant();
            out.add(new MaintenanceWindow(r.getUUID("id"), r.getString("service"), starts, ends,
                    r.getString("reason"), r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant(),
                    MuteState.at(starts, ends, now)));
        }
        return out;
    }
}
