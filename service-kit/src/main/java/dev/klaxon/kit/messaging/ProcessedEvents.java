package dev.klaxon.kit.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The idempotent-consumer log: an event's effect is applied only by the transaction that first records its id. */
@ApplicationScoped
public class ProcessedEvents {

    /** True when this consumer had not processed the event before; the mark commits with the caller's transaction. */
    public Uni<Boolean> firstTime(SqlClient tx, UUID eventId, String consumer) {
        return tx.preparedQuery("INSERT INTO processed_event (event_id, consumer) VALUES ($1, $2) "
                + "ON CONFLICT DO NOTHING").execute(Tuple.of(eventId, consumer))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Of these events, the ones this consumer had not processed before (one statement for a whole batch). */
    public Uni<Set<UUID>> firstTimes(SqlClient tx, List<UUID> eventIds, String consumer) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("INSERT INTO processed_event (event_id, consumer) SELECT unnest($1::uuid[]), $2 "
                + "ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(eventIds.toArray(new UUID[0]), consumer))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(r -> fresh.add(r.getUUID("event_id")));
                    return fresh;
                });
    }
}
