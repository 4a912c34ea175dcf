package dev.klaxon.kit.messaging;

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
}
