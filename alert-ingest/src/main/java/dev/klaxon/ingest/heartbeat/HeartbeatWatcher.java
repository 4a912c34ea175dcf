package dev.klaxon.ingest.heartbeat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import dev.klaxon.ingest.heartbeat.repository.HeartbeatRepository;
import dev.klaxon.ingest.webhook.messaging.AlertPublisher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The missed-heartbeat loop: overdue monitors are taken with {@code FOR UPDATE SKIP LOCKED}, their alert is made
 * durable on Kafka, then they are marked down in the same transaction; safe to re-run and to run on replicas.
 */
@ApplicationScoped
public class HeartbeatWatcher {

    private static final Logger LOG = Logger.getLogger(HeartbeatWatcher.class);

    private final Pool pool;
    private final HeartbeatRepository repository;
    private final AlertPublisher publisher;
    private final Clock clock;

    public HeartbeatWatcher(Pool pool, HeartbeatRepository repository, AlertPublisher publisher, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Scheduled(every = "${klaxon.ingest.heartbeat-tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return raiseMissed().onFailure().invoke(e -> LOG.warnf("heartbeat pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Raises an alert for every overdue monitor; returns how many. */
    public Uni<Integer> raiseMissed() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.lockOverdue(tx, now, 100).flatMap(overdue -> Multi.createFrom()
                .iterable(overdue)
                .onItem().transformToUniAndConcatenate(m -> publisher.publish(List.of(HeartbeatAlerts.missed(m, now)))
                        .flatMap(x -> repository.markDown(tx, m.id())))
                .collect().asList().map(List::size)));
    }
}
