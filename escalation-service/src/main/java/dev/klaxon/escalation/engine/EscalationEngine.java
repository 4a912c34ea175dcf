package dev.klaxon.escalation.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.klaxon.escalation.config.EscalationConfig;
import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.kit.messaging.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The escalation timer loop: "update all due work", safe to re-run. Due incidents are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas (and this process's concurrent passes) share the work and none is
 * escalated twice; timers live in PostgreSQL, so a restart loses nothing.
 *
 * <p>Each run takes passes until nothing is due, then sets a Vert.x timer for the earliest deadline (at most one tick
 * away), so a step fires when it is due rather than at the scheduler's next check (which is once a second at best).
 */
@ApplicationScoped
public class EscalationEngine {

    private static final Logger LOG = Logger.getLogger(EscalationEngine.class);
    private static final long OVERDUE_RETRY_MILLIS = 20;

    private final Pool pool;
    private final IncidentRepository incidents;
    private final IncidentService service;
    private final OutboxRelay relay;
    private final EscalationConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final Counter fired;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** The pending wake-up timer (-1: none) and when it fires (epoch millis); guarded by this. */
    private long timer = -1;
    private long timerAt;
    private volatile boolean stopping;

    public EscalationEngine(Pool pool, IncidentRepository incidents, IncidentService service, OutboxRelay relay,
            EscalationConfig config, Clock clock, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.incidents = incidents;
        this.service = service;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.fired = Counter.builder("klaxon.escalation.timers.fired")
                .description("Escalation timers this process fired (incidents escalated, or whose ladder ran out), "
                        + "counted once their pass committed")
                .register(registry);
    }

    /** Starts the loop; the schedule also restarts it should a pass never have armed the next timer. */
    @Scheduled(every = "${klaxon.escalation.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return run();
    }

    /** Escalates what is due now rather than at the next tick. */
    public void poke() {
        run().subscribe().with(x -> {
        }, e -> LOG.warnf("escalation pass failed, will retry: %s", e.getMessage()));
    }

    /** No new pass once the application stops; one in flight commits or rolls back and is redone after a restart. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Passes until nothing is due, then a timer for the next deadline, or for one tick later if that comes first.
     * One run at a time in this process; a request meanwhile makes one more.
     */
    private Uni<Void> run() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return runAllDue()
                .onFailure().invoke(e -> LOG.warnf("escalation pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(-1)
                // after a failure the next try is one tick away, as it would be without the timer
                .flatMap(n -> n < 0 ? Uni.createFrom().<Instant>nullItem() : incidents.nextDeadline(pool)
                        .onFailure().invoke(e -> LOG.warnf("cannot read the next escalation deadline: %s",
                                e.getMessage()))
                        .onFailure().recoverWithNull())
                .invoke(this::wakeUpFor)
                .eventually(() -> running.set(false))
                .flatMap(x -> again.getAndSet(false) ? run() : Uni.createFrom().voidItem());
    }

    /**
     * Arms the one wake-up timer of this process for the deadline, or for one tick from now if that comes first (a
     * deadline armed by another replica is noticed then); keeps a pending timer that fires earlier.
     */
    private synchronized void wakeUpFor(Instant deadline) {
        if (stopping) {
            return;
        }
        long now = clock.millis();
        long at = now + Math.max(1, config.tick().toMillis());
        if (deadline != null) {
            // a deadline already past that this run did not take is being handled by another transaction (another
            // replica's pass, an acknowledgement): look again shortly rather than spin
            long due = deadline.toEpochMilli() + (deadline.getNano() % 1_000_000 == 0 ? 0 : 1);
            at = Math.min(at, due > now ? due : now + OVERDUE_RETRY_MILLIS);
        }
        if (timer >= 0) {
            if (timerAt <= at && timerAt > now) {
                return;
            }
            vertx.cancelTimer(timer);
        }
        timerAt = at;
        timer = vertx.setTimer(at - now, this::wokeUp);
    }

    private void wokeUp(long id) {
        synchronized (this) {
            if (timer == id) {
                timer = -1;
            }
        }
        poke();
    }

    /**
     * Escalates every incident that is due now, in up to {@code workers} concurrent transactions that each take
     * batches until none is left; returns how many were.
     */
    Uni<Integer> runAllDue() {
        List<Uni<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < Math.max(1, config.workers()); w++) {
            workers.add(drain());
        }
        return Uni.join().all(workers).andCollectFailures().map(counts -> counts.stream().mapToInt(i -> i).sum());
    }

    private Uni<Integer> drain() {
        return runDue().flatMap(n -> n >= config.batchSize() && !stopping ? drain().map(m -> n + m)
                : Uni.createFrom().item(n));
    }

    /** Escalates one batch of incidents whose timer is due now; returns how many were. */
    public Uni<Integer> runDue() {
        return pool.withTransaction(tx -> incidents.lockDue(tx, clock.instant(), config.batchSize())
                .flatMap(ids -> escalateAll(tx, ids)))
                .invoke(n -> {
                    if (n > 0) {
                        fired.increment(n);
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
