package dev.klaxon.escalation.schedule.repository;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.klaxon.escalation.schedule.Restriction;
import dev.klaxon.escalation.schedule.Rotation;
import dev.klaxon.escalation.schedule.Schedule;
import dev.klaxon.escalation.schedule.ScheduleOverride;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Schedules with their rotations and overrides in PostgreSQL. */
@ApplicationScoped
public class ScheduleRepository {

    private final Pool pool;

    public ScheduleRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts or replaces a schedule with its rotations (overrides are kept); a null external reference keeps the
     * stored one, an empty one clears it.
     */
    public Uni<Void> save(Schedule s) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO schedule (id, name, time_zone, external_ref) "
                + "VALUES ($1,$2,$3,NULLIF($4, '')) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
                + "time_zone = EXCLUDED.time_zone, external_ref = CASE WHEN $4::text IS NULL "
                + "THEN schedule.external_ref ELSE NULLIF($4::text, '') END")
                .execute(Tuple.of(s.id(), s.name(), s.timeZone(), s.externalRef()))
                .flatMap(x -> tx.preparedQuery("DELETE FROM rotation WHERE schedule_id = $1").execute(Tuple.of(s.id())))
                .flatMap(x -> insertRotations(tx, s)));
    }

    private Uni<Void> insertRotations(SqlConnection tx, Schedule s) {
        if (s.rotations().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < s.rotations().size(); i++) {
            Rotation r = s.rotations().get(i);
            rows.add(Tuple.from(new Object[] { r.id(), s.id(), i, r.name(), r.type().name(), r.shiftLength(),
                    r.start(), r.participants().toArray(UUID[]::new), r.layer(), restrictions(r),
                    utc(r.activeFrom()), utc(r.activeUntil()) }));
        }
        return tx.preparedQuery("INSERT INTO rotation (id, schedule_id, position, name, type, shift_length, "
                + "start_local, participants, layer, restrictions, active_from, active_until) "
                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)").executeBatch(rows).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static JsonArray restrictions(Rotation r) {
        if (r.restrictions().isEmpty()) {
            return null;
        }
        JsonArray array = new JsonArray();
        for (Restriction x : r.restrictions()) {
            JsonArray days = new JsonArray();
            x.days().forEach(d -> days.add(d.name()));
            array.add(new JsonObject().put("days", days).put("startTime", x.startTime().toString())
                    .put("durationMinutes", x.durationMinutes()));
        }
        return array;
    }

    public Uni<Void> addOverride(UUID scheduleId, ScheduleOverride o) {
        return pool.preparedQuery("INSERT INTO schedule_override (id, schedule_id, user_id, starts_at, ends_at) "
                + "VALUES ($1,$2,$3,$4,$5)").execute(Tuple.of(o.id(), scheduleId, o.userId(),
                        o.start().atOffset(ZoneOffset.UTC), o.end().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Boolean> deleteOverride(UUID scheduleId, UUID overrideId) {
        return pool.preparedQuery("DELETE FROM schedule_override WHERE schedule_id = $1 AND id = $2")
                .execute(Tuple.of(scheduleId, overrideId)).map(r -> r.rowCount() == 1);
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM schedule WHERE id = $1").execute(Tuple.of(id))
                .map(r -> r.rowCount() == 1);
    }

    public Uni<List<Schedule>> list() {
        return list(null);
    }

    /** Every schedule, or only the one imported with this external reference. */
    public Uni<List<Schedule>> list(String externalRef) {
        return pool.preparedQuery("SELECT id FROM schedule WHERE $1::text IS NULL OR external_ref = $1 ORDER BY name")
                .execute(Tuple.of(externalRef))
                .flatMap(rows -> loadAll(pool, rows.stream().map(r -> r.getUUID("id")).toList()));
    }

    /** The schedules that can put this person on call: a rotation lists them, or an override names them. */
    public Uni<List<Schedule>> involving(SqlClient client, UUID userId) {
        return client.preparedQuery("SELECT schedule_id FROM rotation WHERE $1 = ANY(participants) UNION "
                + "SELECT schedule_id FROM schedule_override WHERE user_id = $1").execute(Tuple.of(userId))
                .flatMap(rows -> loadAll(client, rows.stream().map(r -> r.getUUID("schedule_id")).toList()));
    }

    public Uni<Schedule> find(SqlClient client, UUID id) {
        return loadAll(client, List.of(id)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<List<Schedule>> loadAll(SqlClient client, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple idArg = Tuple.of(ids.toArray(UUID[]::new));
        return client.preparedQuery("SELECT id, name, time_zone, external_ref FROM schedule WHERE id = ANY($1) "
                + "ORDER BY name")
                .execute(idArg)
                .flatMap(schedules -> client.preparedQuery("SELECT * FROM rotation WHERE schedule_id = ANY($1) "
                        + "ORDER BY position").execute(idArg)
                        .flatMap(rotations -> client.preparedQuery("SELECT * FROM schedule_override "
                                + "WHERE schedule_id = ANY($1) AND ends_at > now() - interval '30 days' "
                                + "ORDER BY starts_at").execute(idArg)
                                .map(overrides -> {
                                    Map<UUID, List<Rotation>> rot = new java.util.HashMap<>();
                                    for (Row r : rotations) {
                                        rot.computeIfAbsent(r.getUUID("schedule_id"), k -> new ArrayList<>())
                                                .add(mapRotation(r));
                                    }
                                    Map<UUID, List<ScheduleOverride>> ovr = new java.util.HashMap<>();
                                    for (Row r : overrides) {
                                        ovr.computeIfAbsent(r.getUUID("schedule_id"), k -> new ArrayList<>())
                                                .add(new ScheduleOverride(r.getUUID("id"), r.getUUID("user_id"),
                                                        r.getOffsetDateTime("starts_at").toInstant(),
                                                        r.getOffsetDateTime("ends_at").toInstant()));
                                    }
                                    List<Schedule> out = new ArrayList<>();
                                    for (Row s : schedules) {
                                        UUID id = s.getUUID("id");
                                        out.add(new Schedule(id, s.getString("name"), s.getString("time_zone"),
                                                rot.getOrDefault(id, List.of()), ovr.getOrDefault(id, List.of()),
                                                s.getString("external_ref")));
                                    }
                                    return out;
                                })));
    }

    private static Rotation mapRotation(Row r) {
        UUID[] participants = r.getArrayOfUUIDs("participants");
        List<Restriction> restrictions = new ArrayList<>();
        if (r.getValue("restrictions") instanceof JsonArray array) {
            for (Object o : array) {
                JsonObject x = (JsonObject) o;
                List<DayOfWeek> days = new ArrayList<>();
                x.getJsonArray("days", new JsonArray()).forEach(d -> days.add(DayOfWeek.valueOf((String) d)));
                restrictions.add(new Restriction(days, LocalTime.parse(x.getString("startTime")),
                        x.getInteger("durationMinutes")));
            }
        }
        OffsetDateTime from = r.getOffsetDateTime("active_from");
        OffsetDateTime until = r.getOffsetDateTime("active_until");
        return new Rotation(r.getUUID("id"), r.getString("name"), Rotation.Type.valueOf(r.getString("type")),
                r.getInteger("shift_length"), r.getLocalDateTime("start_local"),
                participants == null ? List.of() : Arrays.stream(participants).collect(Collectors.toList()),
                r.getInteger("layer"), restrictions, from == null ? null : from.toInstant(),
                until == null ? null : until.toInstant());
    }
}
