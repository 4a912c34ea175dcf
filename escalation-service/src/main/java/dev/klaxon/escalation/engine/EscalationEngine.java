package dev.klaxon.escalation.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.klaxon.escalation.config.EscalationConfig;
import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.kit.messaging.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The escalation timer loop: "update all due work", safe to re-run. Due incidents are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and none is escalated twice; timers live in PostgreSQL,
 * so a restart loses nothing.
 */
@ApplicationScoped
public class EscalationEngine {

    private static final Logger LOG = Logger.getLogger(EscalationEngine.class);

    private final Pool pool;
    private final IncidentRepository incidents;
    private final IncidentService service;
    private final OutboxRelay relay;
    private final EscalationConfig config;
    private final Clock clock;

    public EscalationEngine(Pool pool, IncidentRepository incidents, IncidentService service, OutboxRelay relay,
            EscalationConfig config, Clock clock) {
        this.pool = pool;
        this.incidents = incidents;
        this.service = service;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${klaxon.escalation.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return runDue().onFailure().invoke(e -> LOG.warnf("escalation pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Escalates every incident whose timer is due now; returns how many were. */
    public Uni<Integer> runDue() {
        return pool.withTransaction(tx -> incidents.lockDue(tx, clock.instant(), config.batchSize())
                .flatMap(ids -> escalateAll(tx, ids)))
                .invoke(n -> {
                    if (n > 0) {
                        relay.poke();
                    }
                });
    }

    private Uni<Integer> escalateAll(SqlConnection tx, List<UUID> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> incidents.find(tx, id).flatMap(i -> escalateOne(tx, i)))
                .collect().asList().map(List::size);
    }

    private Uni<Incident> escalateOne(SqlConnection tx, Incident i) {
        Instant now = clock.instant();
        if (i.status() == IncidentStatus.TRIGGERED && i.ackDeadlineAt() != null && !i.ackDeadlineAt().isAfter(now)) {
            return service.escalate(tx, i, "Not acknowledged within the step's timeout", "system", "timer");
        }
        return service.escalateUnresolved(tx, i);
    }
}
