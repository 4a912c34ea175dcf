package dev.klaxon.kit.messaging;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The shape of every consumer with an effect: read the record as its event (a bad one fails at once and is
 * dead-lettered), check it, then apply it in one transaction with the record of its event id, so a redelivered
 * event changes nothing; afterwards wake the outbox relay.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private final Pool pool;
    private final ProcessedEvents processed;
    private final OutboxRelay relay;

    public IdempotentConsumer(Pool pool, ProcessedEvents processed, OutboxRelay relay) {
        this.pool = pool;
        this.processed = processed;
        this.relay = relay;
    }

    /**
     * @param name the consumer's name in {@code processed_event} and in logs
     * @param check throws {@link EventJson.InvalidEventException} when the payload lacks what the effect needs
     * @param effect the state change, in the given transaction
     */
    public <T> Uni<Void> consume(String name, String json, Class<T> type, Consumer<T> check,
            BiFunction<SqlConnection, EventEnvelope<T>, Uni<?>> effect) {
        return Consumers.guard(name, Uni.createFrom().deferred(() -> {
            EventEnvelope<T> event = EventJson.read(json, type);
            check.accept(event.payload());
            return pool.withTransaction(tx -> processed.firstTime(tx, event.eventId(), name)
                    .flatMap(first -> first ? effect.apply(tx, event) : Uni.createFrom().voidItem()))
                    .replaceWithVoid();
        })).invoke(relay::poke);
    }
}
