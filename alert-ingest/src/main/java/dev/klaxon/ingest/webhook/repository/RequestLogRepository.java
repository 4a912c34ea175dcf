package dev.klaxon.ingest.webhook.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The per-integration request log in PostgreSQL. */
@ApplicationScoped
public class RequestLogRepository {

    /** One logged request. */
    public record LoggedRequest(long id, UUID integrationId, Instant receivedAt, String method,
            Map<String, Object> headers, String body, boolean bodyTruncated, int status, String outcome,
            List<String> alertIds) {
    }

    private final Pool pool;

    public RequestLogRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insertAll(List<LoggedRequest> requests) {
        List<Tuple> rows = new ArrayList<>();
        for (LoggedRequest r : requests) {
            rows.add(Tuple.from(new Object[] { r.integrationId(), r.receivedAt().atOffset(ZoneOffset.UTC), r.method(),
                    new JsonObject(EventJson.write(r.headers())), r.body(), r.bodyTruncated(), r.status(),
                    r.outcome(), r.alertIds().toArray(String[]::new) }));
        }
        // a request of an integration deleted meanwhile is simply not logged
        return pool.preparedQuery("INSERT INTO integration_request (integration_id, received_at, method, headers, "
                + "body, body_truncated, status, outcome, alert_ids) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 "
                + "WHERE EXISTS (SELECT 1 FROM integration WHERE id = $1)").executeBatch(rows).replaceWithVoid();
    }

    /** Keeps only the newest {@code keep} requests of each integration. */
    public Uni<Void> trim(Set<UUID> integrations, int keep) {
        return pool.preparedQuery("DELETE FROM integration_request r USING (SELECT id FROM (SELECT id, "
                + "row_number() OVER (PARTITION BY integration_id ORDER BY id DESC) AS n FROM integration_request "
                + "WHERE integration_id = ANY($1)) ranked WHERE n > $2) old WHERE r.id = old.id")
                .execute(Tuple.of(integrations.toArray(UUID[]::new), keep)).replaceWithVoid();
    }

    public Uni<List<LoggedRequest>> newest(UUID integrationId, int limit) {
        return pool.preparedQuery("SELECT * FROM integration_request WHERE integration_id = $1 ORDER BY id DESC "
                + "LIMIT $2").execute(Tuple.of(integrationId, limit)).map(rows -> {
                    List<LoggedRequest> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new LoggedRequest(r.getLong("id"), r.getUUID("integration_id"),
                            r.getOffsetDateTime("received_at").toInstant(), r.getString("method"),
                            r.getJsonObject("headers").getMap(), r.getString("body"), r.getBoolean("body_truncated"),
                            r.getInteger("status"), r.getString("outcome"), List.of(r.getArrayOfStrings("alert_ids")))));
                    return out;
                });
    }
}
