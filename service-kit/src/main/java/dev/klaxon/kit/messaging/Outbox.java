package dev.klaxon.kit.messaging;

import java.util.List;
import java.util.UUID;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes events into the outbox table inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    /** An event to publish on a topic under a record key. */
    public record Entry(String topic, String key, EventEnvelope<?> event) {
    }

    /** Adds an event; the same event id twice is kept once. */
    public Uni<Void> add(SqlClient tx, String topic, String key, EventEnvelope<?> event) {
        return addAll(tx, List.of(new Entry(topic, key, event)));
    }

    /** Adds events in one statement, in order; an event id already there is kept once. */
    public Uni<Void> addAll(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            ids[i] = e.event().eventId();
            topics[i] = e.topic();
            keys[i] = e.key();
            payloads[i] = EventJson.write(e.event());
        }
        return tx.preparedQuery("INSERT INTO outbox (id, topic, record_key, payload) "
                + "SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(ids, topics, keys, payloads)).replaceWithVoid();
    }
}
