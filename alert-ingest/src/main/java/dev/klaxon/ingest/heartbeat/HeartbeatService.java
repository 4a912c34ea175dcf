package dev.klaxon.ingest.heartbeat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.heartbeat.repository.HeartbeatRepository;
import dev.klaxon.ingest.integration.IntegrationService;
import dev.klaxon.ingest.webhook.messaging.AlertPublisher;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Heartbeat monitors: created by operators, pinged by jobs; a ping after a miss resolves the alert. */
@ApplicationScoped
public class HeartbeatService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HeartbeatService.class);

    private final Pool pool;
    private final HeartbeatRepository repository;
    private final AlertPublisher publisher;
    private final Clock clock;

    public HeartbeatService(Pool pool, HeartbeatRepository repository, AlertPublisher publisher, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Uni<HeartbeatMonitor> create(String name, String service, int interval, int grace) {
        return repository.insert(new HeartbeatMonitor(UUID.randomUUID(), name, service, IntegrationService.newKey(),
                interval, grace, HeartbeatMonitor.State.WAITING, null, null, clock.instant()));
    }

    public Uni<List<HeartbeatMonitor>> list() {
        return repository.list();
    }

    public Uni<HeartbeatMonitor> get(UUID id) {
        return repository.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Heartbeat monitor " + id));
    }

    public Uni<HeartbeatMonitor> update(UUID id, String name, String service, int interval, int grace) {
        return repository.update(id, name, service, interval, grace).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Heartbeat monitor " + id));
    }

    public Uni<HeartbeatMonitor> rotateKey(UUID id) {
        return repository.rotateKey(id, IntegrationService.newKey()).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Heartbeat monitor " + id));
    }

    public Uni<Void> delete(UUID id) {
        return repository.delete(id).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Heartbeat monitor " + id);
            }
        }).replaceWithVoid();
    }

    /**
     * Records a ping. When the monitor was down, its alert is resolved on Kafka before the ping commits, so a
     * failure leaves the monitor down and the job's next ping tries again.
     */
    public Uni<HeartbeatMonitor> ping(String key) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.lockByKey(tx, key).flatMap(m -> {
            if (m == null) {
                throw new ProblemException(404, "Unknown heartbeat key", "No heartbeat monitor has this key.");
            }
            Uni<Void> resolve = m.state() == HeartbeatMonitor.State.DOWN
                    ? publisher.publish(List.of(HeartbeatAlerts.recovered(m, now)))
                    : Uni.createFrom().voidItem();
            return resolve.flatMap(x -> repository.markPinged(tx, m, now)).replaceWith(m);
        })).onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> {
                    LOG.warnf("heartbeat ping not recorded: %s", e.getMessage());
                    return ProblemException.unavailable("Ping could not be recorded; retry", null, 5);
                });
    }
}
