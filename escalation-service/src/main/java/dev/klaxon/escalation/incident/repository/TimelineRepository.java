package dev.klaxon.escalation.incident.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The append-only incident timeline; there is no update or delete. */
@ApplicationScoped
public class TimelineRepository {

    public Uni<Void> append(SqlClient tx, UUID incidentId, Instant at, TimelineEntry.Type type, String actor,
            String via, UUID userId, String message, Map<String, Object> detail) {
        return tx.preparedQuery("INSERT INTO incident_timeline (incident_id, at, type, actor, via, user_id, message, "
                + "detail) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)")
                .execute(Tuple.from(new Object[] { incidentId, IncidentRepository.utc(at), type.name(), actor, via,
                        userId, message, new JsonObject(EventJson.write(detail == null ? Map.of() : detail)) }))
                .replaceWithVoid();
    }

    public Uni<List<TimelineEntry>> list(SqlClient client, UUID incidentId) {
        return client.preparedQuery("SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY id")
                .execute(Tuple.of(incidentId)).map(rows -> {
                    List<TimelineEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new TimelineEntry(r.getLong("id"), r.getUUID("incident_id"),
                            r.getOffsetDateTime("at").toInstant(), TimelineEntry.Type.valueOf(r.getString("type")),
                            r.getString("actor"), r.getString("via"), r.getUUID("user_id"), r.getString("message"),
                            r.getJsonObject("detail").getMap())));
                    return out;
                });
    }

    /**
     * What a page looked like when it was sent: its step, cycle, the incident's reassignment count then, and how many
     * contact methods it used.
     */
    public record Page(int step, int cycle, int reassign, int contactMethods) {
    }

    /** The NOTIFIED entry of a notification, or null when this incident never sent it. */
    public Uni<Page> page(SqlClient client, UUID incidentId, String notificationId) {
        return client.preparedQuery("SELECT detail FROM incident_timeline WHERE incident_id = $1 AND type = 'NOTIFIED' "
                + "AND detail->>'notificationId' = $2 LIMIT 1").execute(Tuple.of(incidentId, notificationId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var d = rows.iterator().next().getJsonObject("detail");
                    var methods = d.getJsonArray("contactMethods");
                    return new Page(d.getInteger("step", 0), d.getInteger("cycle", 0), d.getInteger("reassign", 0),
                            methods == null ? 0 : methods.size());
                });
    }

    /** How many deliveries of a notification failed for good. */
    public Uni<Integer> failedDeliveries(SqlClient client, UUID incidentId, String notificationId) {
        return client.preparedQuery("SELECT count(DISTINCT via) AS n FROM incident_timeline WHERE incident_id = $1 "
                + "AND type = 'DELIVERY_FAILED' AND detail->>'notificationId' = $2")
                .execute(Tuple.of(incidentId, notificationId))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** Everyone this incident has paged so far, in the order they were first paged. */
    public Uni<List<UUID>> notifiedUsers(SqlClient client, UUID incidentId) {
        return client.preparedQuery("SELECT user_id, min(id) AS first FROM incident_timeline WHERE incident_id = $1 "
                + "AND type = 'NOTIFIED' AND user_id IS NOT NULL GROUP BY user_id ORDER BY first")
                .execute(Tuple.of(incidentId)).map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("user_id")));
                    return out;
                });
    }
}
