package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.messaging.DeliveryStatusEvents;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.provider.ChannelSender;
import dev.klaxon.notifier.provider.SendResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Sends what is due: claims due deliveries (committed as SENDING before any provider is called), sends each through
 * the provider of its contact type, and records the outcome in one transaction with its {@code notifications.status}
 * event: DELIVERED, PENDING again later (backoff) or FAILED.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    /** What one pass did. */
    public record Pass(int claimed, Instant earliestRetry) {
        static final Pass NOTHING = new Pass(0, null);
    }

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    private static final String INTERRUPTED = "interrupted mid-send (the notifier stopped); sending again";

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final DeliveryStatusEvents events;
    private final OutboxRelay relay;
    private final Map<ContactType, ChannelSender> senders;
    private final RetryPolicy retries;
    private final DeliveryConfig config;
    private final Clock clock;

    public DeliveryDispatcher(Pool pool, DeliveryRepository deliveries, DeliveryStatusEvents events,
            OutboxRelay relay, Instance<ChannelSender> senders, DeliveryConfig config, Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.events = events;
        this.relay = relay;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::contactType, Function.identity()));
        this.retries = RetryPolicy.of(config);
        this.config = config;
        this.clock = clock;
    }

    /** Claims one batch of due deliveries and sends them concurrently. */
    public Uni<Pass> sendDue() {
        return deliveries.claimDue(clock.instant(), config.batchSize()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(Pass.NOTHING);
            }
            return Uni.join().all(claimed.stream().map(this::send).toList()).andCollectFailures()
                    .map(retryTimes -> new Pass(claimed.size(), retryTimes.stream().filter(Objects::nonNull)
                            .min(Instant::compareTo).orElse(null)));
        });
    }

    /**
     * Puts deliveries whose sender stopped mid-send back to be sent again (or fails them when their attempts are
     * used up). The provider may already have had the message: a second page is better than a lost one.
     */
    public Uni<Integer> requeueInterrupted() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> deliveries.lockInterrupted(tx, now.minus(config.interruptedAfter()),
                config.batchSize()).flatMap(stuck -> {
                    Uni<Void> work = Uni.createFrom().voidItem();
                    for (Delivery d : stuck) {
                        LOG.warnf("delivery %s by %s was interrupted mid-send", d.id(), d.contactType());
                        work = work.flatMap(x -> d.attempts() < retries.maxAttempts()
                                ? deliveries.markRetry(tx, d.id(), INTERRUPTED, now, now).replaceWithVoid()
                                : fail(tx, d, "interrupted mid-send with no attempts left", now));
                    }
                    return work.replaceWith(stuck.size());
                }))
                .invoke(n -> {
                    if (n > 0) {
                        relay.poke();
                    }
                });
    }

    /** Sends one claimed delivery and records the outcome; answers when it is to be retried, if it is. */
    private Uni<Instant> send(Delivery d) {
        ChannelSender sender = senders.get(d.contactType());
        Uni<SendResult> attempt = sender == null
                ? Uni.createFrom().item(SendResult.failed("no provider for contact type " + d.contactType()))
                : Uni.createFrom().deferred(() -> sender.send(d)).onFailure().recoverWithItem(e -> SendResult.retry(
                        "provider call failed: " + e.getClass().getSimpleName(), null));
        return attempt.flatMap(result -> record(d, result));
    }

    private Uni<Instant> record(Delivery d, SendResult r) {
        Instant now = clock.instant();
        if (r.delivered()) {
            return pool.withTransaction(tx -> deliveries.markDelivered(tx, d.id(), r.providerMessageId(), now)
                    .flatMap(mine -> mine ? events.announce(tx, d, NotificationStatus.State.DELIVERED,
                            r.providerMessageId(), null, now) : Uni.createFrom().voidItem()))
                    .invoke(relay::poke).replaceWith((Instant) null);
        }
        if (retries.retries(r, d.attempts())) {
            Instant next = retries.nextAttempt(d.attempts(), r.retryAfter(), now);
            LOG.infof("delivery %s by %s failed (attempt %d of %d), next attempt at %s: %s", d.id(),
                    d.contactType(), d.attempts(), retries.maxAttempts(), next, r.error());
            return pool.withTransaction(tx -> deliveries.markRetry(tx, d.id(), r.error(), next, now))
                    .map(mine -> mine ? next : null);
        }
        LOG.warnf("delivery %s by %s failed for good after %d attempt(s): %s", d.id(), d.contactType(),
                d.attempts(), r.error());
        return pool.withTransaction(tx -> fail(tx, d, r.error(), now)).invoke(relay::poke)
                .replaceWith((Instant) null);
    }

    private Uni<Void> fail(SqlClient tx, Delivery d, String error, Instant now) {
        return deliveries.markFailed(tx, d.id(), error, now).flatMap(mine -> mine
                ? events.announce(tx, d, NotificationStatus.State.FAILED, null, error, now)
                : Uni.createFrom().voidItem());
    }
}
