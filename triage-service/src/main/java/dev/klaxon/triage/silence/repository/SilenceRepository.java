package dev.klaxon.triage.silence.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import dev.klaxon.events.EventJson;
import dev.klaxon.triage.rule.LabelMatcher;
import dev.klaxon.triage.silence.MuteState;
import dev.klaxon.triage.silence.Silence;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Silences in PostgreSQL; expiring one sets its end, so past silences stay listed. */
@ApplicationScoped
public class SilenceRepository {

    private static final TypeReference<List<LabelMatcher>> MATCHERS = new TypeReference<>() {
    };

    private final Pool pool;

    public SilenceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(Silence s) {
        return pool.preparedQuery("INSERT INTO silence (id, matchers, starts_at, ends_at, created_by, comment) "
                + "VALUES ($1,$2,$3,$4,$5,$6)").execute(Tuple.from(new Object[] { s.id(), json(s.matchers()),
                        utc(s.startsAt()), utc(s.endsAt()), s.createdBy(), s.comment() }))
                .replaceWithVoid();
    }

    /** Replaces a silence that has not yet expired; false when there is none such. */
    public Uni<Boolean> update(Silence s, Instant now) {
        return pool.preparedQuery("UPDATE silence SET matchers=$2, starts_at=$3, ends_at=$4, comment=$5, "
                + "updated_at=now() WHERE id=$1 AND ends_at > $6").execute(Tuple.from(new Object[] { s.id(),
                        json(s.matchers()), utc(s.startsAt()), utc(s.endsAt()), s.comment(), utc(now) }))
                .map(r -> r.rowCount() == 1);
    }

    /** Ends a silence now (a pending one ends before it starts); false when it had already expired. */
    public Uni<Boolean> expire(UUID id, Instant now) {
        return pool.preparedQuery("UPDATE silence SET starts_at = LEAST(starts_at, $2 - interval '1 millisecond'), "
                + "ends_at = $2, updated_at = now() WHERE id = $1 AND ends_at > $2")
                .execute(Tuple.of(id, utc(now))).map(r -> r.rowCount() == 1);
    }

    public Uni<Silence> find(UUID id, Instant now) {
        return pool.preparedQuery("SELECT * FROM silence WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> map(rows, now).stream().findFirst().orElse(null));
    }

    /** Silences in a state (all when null), newest first. */
    public Uni<List<Silence>> list(MuteState state, Instant now, int limit) {
        String where = MuteState.sqlCondition(state);
        return pool.preparedQuery("SELECT * FROM silence WHERE " + where + " ORDER BY starts_at DESC LIMIT $2")
                .execute(Tuple.of(utc(now), limit)).map(rows -> map(rows, now));
    }

    /** Every silence that has not yet ended: what triage has to check alerts against. */
    public Uni<List<Silence>> live(Instant now) {
        return pool.preparedQuery("SELECT * FROM silence WHERE ends_at > $1").execute(Tuple.of(utc(now)))
                .map(rows -> map(rows, now));
    }

    private static List<Silence> map(RowSet<Row> rows, Instant now) {
        List<Silence> out = new ArrayList<>();
        for (Row r : rows) {
            Instant starts = r.getOffsetDateTime("starts_at").toInstant();
            Instant ends = r.getOffsetDateTime("ends_at").toInstant();
            List<LabelMatcher> matchers;
            try {
                matchers = EventJson.mapper().readValue(r.getValue("matchers").toString(), MATCHERS);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("silence " + r.getUUID("id") + " has unreadable matchers", e);
            }
            out.add(new Silence(r.getUUID("id"), matchers, starts, ends, r.getString("created_by"),
                    r.getString("comment"), r.getOffsetDateTime("created_at").toInstant(),
                    r.getOffsetDateTime("updated_at").toInstant(), MuteState.at(starts, ends, now)));
        }
        return out;
    }

    private static JsonArray json(List<LabelMatcher> matchers) {
        try {
            return new JsonArray(EventJson.mapper().writeValueAsString(matchers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
