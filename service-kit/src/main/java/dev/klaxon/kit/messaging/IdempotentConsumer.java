package dev.klaxon.kit.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Emitter;

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

    /**
     * A polled batch in one transaction: records that cannot be read or fail the check are dead-lettered one by one,
     * events seen before (or twice in the batch) are skipped, and the effect gets the rest, in order.
     */
    public <T> Uni<Void> consumeBatch(String name, String topic, List<String> records, Class<T> type,
            Consumer<T> check, Emitter<String> deadLetters,
            BiFunction<SqlConnection, List<EventEnvelope<T>>, Uni<?>> effect) {
        List<EventEnvelope<T>> events = new ArrayList<>();
        List<Map.Entry<String, RuntimeException>> bad = new ArrayList<>();
        for (String json : records) {
            try {
                EventEnvelope<T> event = EventJson.read(json, type);
                check.accept(event.payload());
                events.add(event);
            } catch (EventJson.InvalidEventException | IllegalArgumentException e) {
                bad.add(Map.entry(json, e));
            }
        }
        if (events.isEmpty()) {
            return rejected(deadLetters, bad, topic);
        }
        return rejected(deadLetters, bad, topic).call(() -> Consumers.guard(name, Uni.createFrom().deferred(() -> pool.withTransaction(
                tx -> processed.firstTimes(tx, events.stream().map(EventEnvelope::eventId).toList(), name)
                        .flatMap(fresh -> {
                            Set<UUID> taken = new HashSet<>();
                            List<EventEnvelope<T>> todo = events.stream()
                                    .filter(e -> fresh.contains(e.eventId()) && taken.add(e.eventId())).toList();
                            return todo.isEmpty() ? Uni.createFrom().voidItem() : effect.apply(tx, todo);
                        }))
                .replaceWithVoid()))).invoke(relay::poke);
    }

    private static Uni<Void> rejected(Emitter<String> deadLetters, List<Map.Entry<String, RuntimeException>> bad,
            String topic) {
        return Sequential.each(bad, b -> DeadLetters.send(deadLetters, topic, b.getKey(), b.getValue()));
    }
}
