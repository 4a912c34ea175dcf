package dev.klaxon.kit.messaging;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes events into the outbox table inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    /** Adds an event; the same event id twice is kept once. */
    public Uni<Void> add(SqlClient tx, String topic, String key, EventEnvelope<?> event) {
        return tx.preparedQuery("INSERT INTO outbox (id, topic, record_key, payload) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(event.eventId(), topic, key, EventJson.write(event)))
                .replaceWithVoid();
    }
}
