package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.messaging.Sequential;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.messaging.DeliveryStatusEvents;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.message.BundleMessage;
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
    private final CircuitBreakers breakers;
    private final RateLimiter limiter;
    private final Clock clock;

    public DeliveryDispatcher(Pool pool, DeliveryRepository deliveries, DeliveryStatusEvents events,
            OutboxRelay relay, Instance<ChannelSender> senders, DeliveryConfig config, CircuitBreakers breakers,
            RateLimiter limiter, Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.events = events;
        this.relay = relay;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::contactType, Function.identity()));
        this.retries = RetryPolicy.of(config);
        this.config = config;
        this.breakers = breakers;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * Claims one batch of due deliveries and sends them (see {@link #send}); answers what the pass did.
     */
    public Uni<Pass> sendDue() {
        long started = System.nanoTime();
        return deliveries.claimDue(clock.instant(), config.batchSize()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(Pass.NOTHING);
            }
            LOG.debugf("claimed %d in %d ms", claimed.size(), (System.nanoTime() - started) / 1_000_000);
            return send(claimed);
        });
    }

    /**
     * Sends claimed deliveries (committed as SENDING) concurrently and records the outcomes. Pages to one phone or
     * mailbox that are due together go as one bundled message; a provider whose circuit is open, or an address over
     * its rate limit, is not called and its deliveries wait (without spending an attempt) until it may be.
     */
    public Uni<Pass> send(List<Delivery> claimed) {
        long started = System.nanoTime();
        long[] sent = { 0 };
        return Uni.join().all(units(claimed).stream().map(this::attempt).toList()).andCollectFailures()
                .invoke(x -> sent[0] = System.nanoTime())
                .flatMap(this::recordAll)
                .invoke(x -> LOG.debugf("%d deliveries sent in %d ms, recorded in %d ms", claimed.size(),
                        (sent[0] - started) / 1_000_000, (System.nanoTime() - sent[0]) / 1_000_000))
                .map(next -> new Pass(claimed.size(), next));
    }

    /**
     * Whether a new delivery may be claimed as it is written and sent at once, without waiting for a pass: it is due
     * and it is never bundled with others nor rate limited, so sending it beside a pass changes nothing.
     */
    public boolean goesAtOnce(Delivery d, Instant now) {
        return !d.dueAt().isAfter(now) && !bundles(d) && !limiter.limits(d.contactType());
    }

    /** What became of one unit: the provider's answer, or held back until a time without being tried. */
    private record Outcome(List<Delivery> unit, SendResult result, Instant heldUntil, String heldBecause) {
    }

    /** The claimed deliveries grouped into what is sent as one message: SMS and email pages bundle per address. */
    static List<List<Delivery>> units(List<Delivery> claimed) {
        Map<String, List<Delivery>> units = new LinkedHashMap<>();
        for (Delivery d : claimed) {
            String key = bundles(d) ? d.contactType() + "|" + d.address() : d.id().toString();
            units.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        // oldest page first, whatever order the claim returned them in
        units.values().forEach(u -> u.sort(Comparator.comparing(Delivery::createdAt)
                .thenComparing(Delivery::incidentNumber)));
        return List.copyOf(units.values());
    }

    /** SMS and email pages bundle per address: several due together go as one message. */
    private static boolean bundles(Delivery d) {
        return (d.contactType() == ContactType.SMS || d.contactType() == ContactType.EMAIL)
                && (d.kind() == NotificationKind.TRIGGERED || d.kind() == NotificationKind.ESCALATED);
    }

    private Uni<Outcome> attempt(List<Delivery> unit) {
        Delivery first = unit.get(0);
        Optional<Instant> open = breakers.openUntil(first.contactType());
        if (open.isPresent()) {
            return Uni.createFrom().item(new Outcome(unit, null, open.get(), "circuit open: " + first.contactType()
                    + " kept failing; next try at " + open.get()));
        }
        return limiter.nextSlot(first.contactType(), first.address(), clock.instant()).flatMap(slot -> {
            if (slot != null) {
                return Uni.createFrom().item(new Outcome(unit, null, slot, "rate limit of " + first.contactType()
                        + " " + first.address() + " reached; next message at " + slot));
            }
            Delivery message = unit.size() == 1 ? first : bundle(unit);
            ChannelSender sender = senders.get(first.contactType());
            Uni<SendResult> call = sender == null
                    ? Uni.createFrom().item(SendResult.failed("no provider for contact type " + first.contactType()))
                    : Uni.createFrom().deferred(() -> sender.send(message)).onFailure().recoverWithItem(e -> SendResult
                            .retry("provider call failed: " + e.getClass().getSimpleName(), null));
            return call.invoke(r -> {
                if (r.delivered()) {
                    breakers.succeeded(first.contactType());
                } else if (r.retryable()) {
                    breakers.failed(first.contactType());
                }
            }).map(r -> new Outcome(unit, r, null, null));
        });
    }

    /**
     * Records a pass's outcomes in one transaction (one commit for the whole batch, not one per delivery): the
     * delivered ones and their status events in two statements, the rest one by one; answers the earliest time
     * something is due again.
     */
    private Uni<Instant> recordAll(List<Outcome> outcomes) {
        Instant now = clock.instant();
        Instant[] next = { null };
        List<Delivery> deliveredRows = new ArrayList<>();
        List<DeliveryRepository.Delivered> delivered = new ArrayList<>();
        List<Map.Entry<Outcome, Delivery>> others = new ArrayList<>();
        for (Outcome o : outcomes) {
            UUID bundleId = o.unit().size() == 1 ? null : o.unit().get(0).id();
            for (Delivery d : o.unit()) {
                if (o.result() != null && o.result().delivered()) {
                    deliveredRows.add(d);
                    delivered.add(new DeliveryRepository.Delivered(d.id(), o.result().providerMessageId(), bundleId));
                } else {
                    others.add(Map.entry(o, d));
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
        }).flatMap(x -> Sequential.each(others, r -> record(tx, r.getValue(), r.getKey(), now)
                .invoke(t -> next[0] = earliest(next[0], t))))).invoke(relay::poke).map(x -> next[0]);
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

    /** One message standing for several pages to the same address. */
    private static Delivery bundle(List<Delivery> unit) {
        Delivery first = unit.get(0);
        List<IncidentSummary> incidents = unit.stream().map(d -> d.request().incident()).toList();
        String body = first.contactType() == ContactType.SMS ? BundleMessage.sms(incidents)
                : BundleMessage.text(incidents, unit.stream().map(Delivery::body).toList());
        return first.asBundle(BundleMessage.subject(incidents), body);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
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

    /** Gives a delivery up, and falls back at once to the person's next contact method, if one is waiting. */
    private Uni<Void> fail(SqlClient tx, Delivery d, String error, Instant now) {
        return deliveries.markFailed(tx, d.id(), error, now).flatMap(mine -> !mine ? Uni.createFrom().voidItem()
                : events.announce(tx, d, NotificationStatus.State.FAILED, null, error, now)
                        .call(x -> d.recipientId() == null ? Uni.createFrom().voidItem()
                                : deliveries.bringForwardNext(tx, d.notificationId(), now)));
    }
}
