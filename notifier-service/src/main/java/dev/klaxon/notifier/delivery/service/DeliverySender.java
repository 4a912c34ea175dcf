package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.notifier.config.NotifierConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.provider.ChannelSender;
import dev.klaxon.notifier.provider.SendResult;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The sending loop: claims due deliveries (committed as SENDING before any provider is called), sends them,
 * and records each outcome with its {@code notifications.status} event in one transaction. Failures worth
 * retrying come back later with exponential backoff and jitter (or the provider's Retry-After); a delivery
 * interrupted mid-send is never sent again, since the provider may already have it.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final Map<ContactType, ChannelSender> senders;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final NotifierConfig.Delivery config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public DeliverySender(Pool pool, DeliveryRepository deliveries, Instance<ChannelSender> senders, Outbox outbox,
            OutboxRelay relay, NotifierConfig config, Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.outbox = outbox;
        this.relay = relay;
        this.config = config.delivery();
        this.clock = clock;
    }

    /** Sends what is due now instead of waiting for the next pass. */
    public void poke() {
        sendDue().subscribe().with(n -> {
        }, e -> LOG.warnf("delivery pass failed: %s", e.getMessage()));
    }

    @Scheduled(every = "${klaxon.notifier.delivery.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sendDue().onFailure().invoke(e -> LOG.warnf("delivery pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "1m", delayed = "30s")
    Uni<Void> settleInterrupted() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> deliveries.lockInterrupted(tx, now.minus(config.interruptedAfter()), 100)
                .flatMap(stuck -> Multi.createFrom().iterable(stuck).onItem().transformToUniAndConcatenate(d ->
                        finish(tx, d, NotificationStatus.State.FAILED, null, "interrupted mid-send; not sent again "
                                + "to avoid a duplicate page", now)
                                .flatMap(x -> deliveries.failed(tx, d.id(), "interrupted mid-send; not sent again "
                                        + "to avoid a duplicate page", now)))
                        .collect().asList()))
                .invoke(relay::poke).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Passes until nothing is due; one pass at a time in this process. */
    Uni<Integer> sendDue() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0);
        }
        again.set(false);
        return deliveries.claimDue(clock.instant(), BATCH)
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                        : Uni.join().all(claimed.stream().map(this::sendOne).toList()).andCollectFailures()
                                .map(List::size))
                .eventually(() -> running.set(false))
                .onItem().call(n -> n == BATCH || again.getAndSet(false) ? sendDue() : Uni.createFrom().voidItem());
    }

    private Uni<Void> sendOne(Delivery d) {
        ChannelSender sender = senders.get(d.channel());
        NotificationRequested n;
        try {
            n = EventJson.mapper().readValue(d.payload(), NotificationRequested.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return record(d, SendResult.failed("stored notification is unreadable: " + e.getOriginalMessage()));
        }
        Uni<SendResult> attempt = sender == null
                ? Uni.createFrom().item(SendResult.failed("no sender for channel " + d.channel()))
                : sender.send(d, n).onFailure().recoverWithItem(e -> SendResult.retry(String.valueOf(e.getMessage()),
                        null));
        return attempt.flatMap(result -> record(d, result)).invoke(relay::poke);
    }

    private Uni<Void> record(Delivery d, SendResult r) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> {
            if (r.delivered()) {
                return deliveries.delivered(tx, d.id(), r.providerMessageId(), now)
                        .flatMap(x -> finish(tx, d, NotificationStatus.State.DELIVERED, r.providerMessageId(), null,
                                now));
            }
            if (r.retryable() && d.attempts() < config.maxAttempts()) {
                Instant next = now.plus(backoff(d.attempts(), r.retryAfter()));
                LOG.infof("delivery %s by %s failed (attempt %d), retrying at %s: %s", d.id(), d.channel(),
                        d.attempts(), next, r.error());
                return deliveries.retryAt(tx, d.id(), r.error(), next, now);
            }
            LOG.warnf("delivery %s by %s failed for good after %d attempt(s): %s", d.id(), d.channel(), d.attempts(),
                    r.error());
            return deliveries.failed(tx, d.id(), r.error(), now)
                    .flatMap(x -> finish(tx, d, NotificationStatus.State.FAILED, null, r.error(), now));
        });
    }

    private Uni<Void> finish(io.vertx.mutiny.sqlclient.SqlClient tx, Delivery d, NotificationStatus.State state,
            String providerMessageId, String error, Instant now) {
        NotificationStatus status = new NotificationStatus(d.notificationId(), d.incidentId(), d.recipientId(),
                d.channel(), d.address(), state, providerMessageId, error, now);
        return outbox.add(tx, Topics.NOTIFICATIONS_STATUS, d.incidentId().toString(), EventEnvelope.withId(
                DeterministicIds.of(d.id(), state), status.eventType(), "notifier-service", now, status));
    }

    /** Exponential backoff with full jitter, at least what the provider asked for. */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = config.backoffBase().toMillis();
        long cap = config.backoffMax().toMillis();
        long exp = Math.min(cap, base * (1L << Math.min(20, Math.max(0, attempt - 1))));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        long wait = Math.max(jittered, retryAfter == null ? 0 : retryAfter.toMillis());
        return Duration.ofMillis(Math.min(wait, Math.max(cap, retryAfter == null ? 0 : retryAfter.toMillis())));
    }
}
