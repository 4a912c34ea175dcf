package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.klaxon.events.NotificationStatus;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.messaging.Sequential;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.messaging.DeliveryStatusEvents;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.provider.SendResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records each provider outcome as soon as it is known, with its {@code notifications.status} event: DELIVERED,
 * PENDING again later (backoff), held back, or FAILED. Outcomes that arrive while a commit is running are committed
 * together in the next one (group commit), so a crash loses at most the calls still in flight and the outcomes of
 * one commit, never a whole pass's. A commit that fails is tried again a moment later; the outcomes wait in memory,
 * their deliveries still leased to this process.
 */
@ApplicationScoped
public class OutcomeRecorder {

    /**
     * What became of one unit (a delivery, or a bundle of them sent as one message): the provider's answer, or held
     * back until a time without being tried.
     *
     * @param note what the delivery log keeps about it beyond the answer (a reconciliation after a crash), or null
     */
    public record Outcome(List<Delivery> unit, SendResult result, Instant heldUntil, String heldBecause, String note) {

        static Outcome answered(List<Delivery> unit, SendResult result) {
            return new Outcome(unit, result, null, null, null);
        }

        static Outcome held(List<Delivery> unit, Instant until, String because) {
            return new Outcome(unit, null, until, because, null);
        }
    }

    /** An outcome waiting for its commit, and who waits for it (with when its delivery is due again, if it is). */
    private record Waiting(Outcome outcome, CompletableFuture<Instant> done) {
    }

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final int MAX_PER_COMMIT = 500;
    private static final long RETRY_MILLIS = 1000;

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final DeliveryStatusEvents events;
    private final OutboxRelay relay;
    private final Leases leases;
    private final RetryPolicy retries;
    private final Vertx vertx;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean committing = new AtomicBoolean();

    public OutcomeRecorder(Pool pool, DeliveryRepository deliveries, DeliveryStatusEvents events, OutboxRelay relay,
            Leases leases, DeliveryConfig config, Vertx vertx, Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.events = events;
        this.relay = relay;
        this.leases = leases;
        this.retries = RetryPolicy.of(config);
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Records the outcome; completes once it is committed, with when its deliveries are due again (or null). */
    public Uni<Instant> record(Outcome outcome) {
        CompletableFuture<Instant> done = new CompletableFuture<>();
        queue.add(new Waiting(outcome, done));
        commit();
        return Uni.createFrom().completionStage(done);
    }

    /** Commits whatever waits, unless a commit is running (its end starts the next). */
    private void commit() {
        if (!committing.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> batch = new ArrayList<>();
        for (Waiting w; batch.size() < MAX_PER_COMMIT && (w = queue.poll()) != null;) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            committing.set(false);
            if (!queue.isEmpty()) {
                commit();
            }
            return;
        }
        recordAll(batch.stream().map(Waiting::outcome).toList()).subscribe().with(next -> {
            for (int i = 0; i < batch.size(); i++) {
                Waiting w = batch.get(i);
                w.outcome().unit().forEach(d -> leases.release(List.of(d.id())));
                w.done().complete(next.get(i));
            }
            relay.poke();
            committing.set(false);
            commit();
        }, e -> {
            LOG.warnf("%d delivery outcome(s) not recorded, trying again in %d ms: %s", batch.size(), RETRY_MILLIS,
                    e.getMessage());
            queue.addAll(batch);
            committing.set(false);
            vertx.setTimer(RETRY_MILLIS, id -> commit());
        });
    }

    /**
     * Records outcomes in one transaction: the delivered ones and their status events in two statements, the rest
     * one by one; answers, per outcome, the earliest time one of its deliveries is due again.
     */
    private Uni<List<Instant>> recordAll(List<Outcome> outcomes) {
        Instant now = clock.instant();
        Instant[] next = new Instant[outcomes.size()];
        List<Delivery> deliveredRows = new ArrayList<>();
        List<DeliveryRepository.Delivered> delivered = new ArrayList<>();
        List<Map.Entry<Integer, Delivery>> others = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            UUID bundleId = o.unit().size() == 1 ? null : o.unit().get(0).id();
            for (Delivery d : o.unit()) {
                if (o.result() != null && o.result().delivered()) {
                    deliveredRows.add(d);
                    delivered.add(new DeliveryRepository.Delivered(d.id(), o.result().providerMessageId(), bundleId,
                            o.note()));
                } else {
                    others.add(Map.entry(i, d));
                }
            }
        }
        return pool.withTransaction(tx -> deliveries.markDeliveredAll(tx, delivered, now).flatMap(mine -> {
            List<Outbox.Entry> announced = new ArrayList<>();
            for (int i = 0; i < deliveredRows.size(); i++) {
                if (mine.contains(deliveredRows.get(i).id())) {
                    announced.add(DeliveryStatusEvents.event(deliveredRows.get(i), NotificationStatus.State.DELIVERED,
                            delivered.get(i).providerMessageId(), null, now));
                }
            }
            return events.announceAll(tx, announced);
        }).flatMap(x -> Sequential.each(others, r -> record(tx, r.getValue(), outcomes.get(r.getKey()), now)
                .invoke(t -> next[r.getKey()] = earliest(next[r.getKey()], t)))))
                .map(x -> java.util.Arrays.asList(next));
    }

    /** Records what became of one delivery that was not delivered; answers when it is due again, if it is. */
    private Uni<Instant> record(SqlClient tx, Delivery d, Outcome o, Instant now) {
        if (o.result() == null) {
            if (d == o.unit().get(0)) {
                LOG.infof("%d delivery(ies) by %s held back: %s", o.unit().size(), d.contactType(), o.heldBecause());
            }
            return deliveries.markDeferred(tx, d.id(), o.heldBecause(), o.heldUntil(), now).replaceWith(o.heldUntil());
        }
        SendResult r = o.result();
        if (retries.retries(r, d.attempts())) {
            Instant next = retries.nextAttempt(d.attempts(), r.retryAfter(), now);
            LOG.infof("delivery %s by %s failed (attempt %d of %d), next attempt at %s: %s", d.id(),
                    d.contactType(), d.attempts(), retries.maxAttempts(), next, r.error());
            return deliveries.markRetry(tx, d.id(), r.error(), next, now).map(mine -> mine ? next : null);
        }
        LOG.warnf("delivery %s by %s failed for good after %d attempt(s): %s", d.id(), d.contactType(),
                d.attempts(), r.error());
        return fail(tx, d, r.error(), now).replaceWith((Instant) null);
    }

    /** Gives a delivery up, and falls back at once to the person's next contact method, if one is waiting. */
    Uni<Void> fail(SqlClient tx, Delivery d, String error, Instant now) {
        return deliveries.markFailed(tx, d.id(), error, now).flatMap(mine -> !mine ? Uni.createFrom().voidItem()
                : events.announce(tx, d, NotificationStatus.State.FAILED, null, error, now)
                        .call(x -> d.recipientId() == null ? Uni.createFrom().voidItem()
                                : deliveries.bringForwardNext(tx, d.notificationId(), now)));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
