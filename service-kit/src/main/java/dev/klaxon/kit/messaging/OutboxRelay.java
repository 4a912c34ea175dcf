package dev.klaxon.kit.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published once the broker acknowledged.
 *
 * <p>Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work; a crash between the send and
 * the mark re-sends the same event id, which consumers recognise. Callers {@link #poke()} after a commit so events
 * leave at once; the schedule catches anything a poke missed.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(Pool pool, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) MutinyEmitter<String> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    /** Publishes what is due now, without waiting for the next scheduled pass. */
    public void poke() {
        publishDue().subscribe().with(n -> {
        }, e -> LOG.warnf("outbox relay pass failed: %s", e.getMessage()));
    }

    /**
     * The fallback pass (a poke after each write does the real work). It is skipped until the application is running
     * and starts a moment after, so its first run does not come before the messaging channels are wired (SRMSG00019
     * at start-up otherwise).
     */
    @Scheduled(every = "${klaxon.outbox.interval:1s}", delayed = "${klaxon.outbox.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return publishDue().onFailure().invoke(e -> LOG.warnf("outbox relay pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purge() {
        return pool.query("DELETE FROM outbox WHERE published_at < now() - interval '1 day'").execute()
                .replaceWithVoid();
    }

    /** One or more passes until the outbox is empty; at most one runs at a time in this process. */
    Uni<Integer> publishDue() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0);
        }
        again.set(false);
        return pool.withTransaction(this::publishBatch)
                .eventually(() -> running.set(false))
                .onItem().call(n -> n == BATCH || again.getAndSet(false) ? publishDue() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> publishBatch(SqlConnection tx) {
        return tx.preparedQuery("SELECT id, topic, record_key, payload FROM outbox WHERE published_at IS NULL "
                + "ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED").execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>();
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                        sends.add(emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.getString("topic"))
                                        .withKey(row.getString("record_key")).build())));
                    }
                    return Uni.join().all(sends).andFailFast().ifNoItem().after(Duration.ofSeconds(30)).fail()
                            .flatMap(x -> tx.preparedQuery(
                                    "UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(UUID[]::new))))
                            .map(x -> ids.size());
                });
    }
}
