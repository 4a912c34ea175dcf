package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.Delivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When deliveries go: every interval (and at once when poked) it has the dispatcher send everything due, pass after
 * pass until nothing is left; a retry due before the next tick gets a timer of its own; every takeover interval,
 * deliveries a dead process was sending (lapsed leases) are taken over and reconciled. Safe to run on several
 * replicas: claims and takeovers skip locked rows. Beside the passes, new deliveries claimed as they were written
 * are sent at once, up to {@code in-flight} of them.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);

    private final DeliveryDispatcher dispatcher;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    public DeliveryLoop(DeliveryDispatcher dispatcher, Vertx vertx, Clock clock, DeliveryConfig config) {
        this.dispatcher = dispatcher;
        this.vertx = vertx;
        this.clock = clock;
        this.interval = config.interval();
        this.batchSize = config.batchSize();
        this.maxInFlight = config.inFlight();
    }

    /** Takes room for up to {@code wanted} deliveries to be sent at once; answers how many it got. */
    public int reserve(int wanted) {
        while (!stopping) {
            int now = inFlight.get();
            int granted = Math.max(0, Math.min(wanted, maxInFlight - now));
            if (granted == 0 || inFlight.compareAndSet(now, now + granted)) {
                return granted;
            }
        }
        return 0;
    }

    /** Gives back room taken by {@link #reserve} and not used. */
    public void release(int unused) {
        inFlight.addAndGet(-unused);
    }

    /**
     * Sends deliveries claimed as they were written (their room reserved), beside the passes; gives their room back
     * once their outcomes are recorded (the recorder keeps trying while the database is away).
     */
    public void sendAtOnce(List<Delivery> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        dispatcher.send(claimed)
                .invoke(pass -> wakeFor(pass.earliestRetry()))
                .eventually(() -> release(claimed.size()))
                .subscribe().with(x -> {
                }, e -> LOG.warnf("sending %d new deliveries failed: %s", claimed.size(), e.getMessage()));
    }

    /** Sends what is due now instead of at the next tick (a new notification was recorded). */
    public void poke() {
        run().subscribe().with(x -> {
        }, e -> LOG.warnf("delivery pass failed: %s", e.getMessage()));
    }

    @Scheduled(every = "${klaxon.delivery.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return run().onFailure().invoke(e -> LOG.warnf("delivery pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Takes over what a dead process was sending; from the start too, so a restarted notifier finishes what its
     * previous incarnation left within a second or two of being up.
     */
    @Scheduled(every = "${klaxon.delivery.takeover-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> takeOverInterrupted() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return dispatcher.takeOverInterrupted()
                .onFailure().invoke(e -> LOG.warnf("taking over interrupted deliveries failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** No new pass once the application stops; one in flight ends, or is swept up after a restart. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Passes until nothing is due; one at a time in this process, a request meanwhile makes one more. */
    private Uni<Void> run() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return dispatcher.sendDue()
                .invoke(pass -> wakeFor(pass.earliestRetry()))
                .eventually(() -> running.set(false))
                .flatMap(pass -> pass.claimed() >= batchSize || again.getAndSet(false) ? run()
                        : Uni.createFrom().voidItem());
    }

    /** A retry due before the next tick is sent on time rather than up to one interval late. */
    private void wakeFor(Instant due) {
        if (due == null) {
            return;
        }
        long delay = Math.max(1, Duration.between(clock.instant(), due).toMillis());
        if (delay < interval.toMillis()) {
            vertx.setTimer(delay, id -> poke());
        }
    }
}
