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
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.message.BundleMessage;
import dev.klaxon.notifier.delivery.service.OutcomeRecorder.Outcome;
import dev.klaxon.notifier.provider.ChannelSender;
import dev.klaxon.notifier.provider.Reconciliation;
import dev.klaxon.notifier.provider.SendResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Sends what is due: claims due deliveries (committed as SENDING, under this process's lease, before any provider
 * is called), sends each through the provider of its contact type, and has each outcome recorded as soon as it is
 * known. Deliveries a dead process was sending are taken over and reconciled with their provider before anything is
 * sent again: what the provider has is recorded delivered, what it cannot tell is sent again and says so.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    /** What one pass did. */
    public record Pass(int claimed, Instant earliestRetry) {
        static final Pass NOTHING = new Pass(0, null);
    }

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final OutcomeRecorder outcomes;
    private final Leases leases;
    private final Map<ContactType, ChannelSender> senders;
    private final RetryPolicy retries;
    private final DeliveryConfig config;
    private final CircuitBreakers breakers;
    private final RateLimiter limiter;
    private final Clock clock;

    public DeliveryDispatcher(Pool pool, DeliveryRepository deliveries, OutcomeRecorder outcomes, Leases leases,
            Instance<ChannelSender> senders, DeliveryConfig config, CircuitBreakers breakers, RateLimiter limiter,
            Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.outcomes = outcomes;
        this.leases = leases;
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
        return deliveries.claimDue(clock.instant(), config.batchSize(), leases.next()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(Pass.NOTHING);
            }
            leases.hold(claimed.stream().map(Delivery::id).toList());
            LOG.debugf("claimed %d in %d ms", claimed.size(), (System.nanoTime() - started) / 1_000_000);
            return send(claimed);
        });
    }

    /**
     * Sends claimed deliveries (committed as SENDING and held) concurrently; each outcome is recorded as it comes.
     * Pages to one phone or mailbox that are due together go as one bundled message; a provider whose circuit is
     * open, or an address over its rate limit, is not called and its deliveries wait (without spending an attempt)
     * until it may be.
     */
    public Uni<Pass> send(List<Delivery> claimed) {
        long started = System.nanoTime();
        return Uni.join().all(units(claimed).stream().map(u -> attempt(u).flatMap(outcomes::record)).toList())
                .andCollectFailures()
                .invoke(x -> LOG.debugf("%d deliveries sent and recorded in %d ms", claimed.size(),
                        (System.nanoTime() - started) / 1_000_000))
                .map(next -> new Pass(claimed.size(), next.stream().filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null)));
    }

    /**
     * Whether a new delivery may be claimed as it is written and sent at once, without waiting for a pass: it is due
     * and it is never bundled with others nor rate limited, so sending it beside a pass changes nothing.
     */
    public boolean goesAtOnce(Delivery d, Instant now) {
        return !d.dueAt().isAfter(now) && !bundles(d) && !limiter.limits(d.contactType());
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
            return Uni.createFrom().item(Outcome.held(unit, open.get(), "circuit open: " + first.contactType()
                    + " kept failing; next try at " + open.get()));
        }
        return limiter.nextSlot(first.contactType(), first.address(), clock.instant()).flatMap(slot -> {
            if (slot != null) {
                return Uni.createFrom().item(Outcome.held(unit, slot, "rate limit of " + first.contactType() + " "
                        + first.address() + " reached; next message at " + slot));
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
            }).map(r -> Outcome.answered(unit, r));
        });
    }

    /** One message standing for several pages to the same address. */
    private static Delivery bundle(List<Delivery> unit) {
        Delivery first = unit.get(0);
        List<IncidentSummary> incidents = unit.stream().map(d -> d.request().incident()).toList();
        String body = first.contactType() == ContactType.SMS ? BundleMessage.sms(incidents)
                : BundleMessage.text(incidents, unit.stream().map(Delivery::body).toList());
        return first.asBundle(BundleMessage.subject(incidents), body);
    }

    /**
     * Takes over deliveries whose sender died mid-send (a lapsed lease, or an earlier incarnation of this replica)
     * and asks each provider whether the interrupted attempt reached it: a message the provider has is recorded
     * delivered and not sent again; any other is sent again at once, within its attempts, noting why. Answers how
     * many were taken over.
     */
    public Uni<Integer> takeOverInterrupted() {
        Instant now = clock.instant();
        return deliveries.takeOver(leases.next(), leases.replica(), now, now.minus(config.reconcileAfter()),
                config.batchSize()).flatMap(taken -> {
                    if (taken.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    leases.hold(taken.stream().map(Delivery::id).toList());
                    LOG.warnf("%d delivery(ies) taken over from a notifier that stopped mid-send; reconciling with "
                            + "their providers", taken.size());
                    return Uni.join().all(taken.stream().map(this::reconcile).toList()).andCollectFailures()
                            .flatMap(verdicts -> resend(taken, verdicts, now)).replaceWith(taken.size());
                });
    }

    private Uni<Reconciliation> reconcile(Delivery d) {
        ChannelSender sender = senders.get(d.contactType());
        return sender == null ? Uni.createFrom().item(Reconciliation.unknowable("no provider"))
                : Uni.createFrom().deferred(() -> sender.reconcile(d)).onFailure()
                        .recoverWithItem(e -> Reconciliation.unknowable("look-up failed: " + e.getMessage()));
    }

    /** Records what the providers have, and sends the rest again (or gives them up once out of attempts). */
    private Uni<Void> resend(List<Delivery> taken, List<Reconciliation> verdicts, Instant now) {
        List<Uni<Void>> recorded = new ArrayList<>();
        List<Delivery> again = new ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            Delivery d = taken.get(i);
            Reconciliation r = verdicts.get(i);
            if (r.verdict() == Reconciliation.Verdict.DELIVERED) {
                LOG.infof("delivery %s by %s had reached the provider before the crash: %s", d.id(),
                        d.contactType(), r.detail());
                recorded.add(outcomes.record(new Outcome(List.of(d), SendResult.delivered(r.providerMessageId()), null,
                        null, "interrupted by a crash; " + r.detail() + ": recorded delivered, not sent again"))
                        .replaceWithVoid());
            } else if (d.attempts() >= retries.maxAttempts()) {
                recorded.add(pool.withTransaction(tx -> outcomes.fail(tx, d, "interrupted mid-send with no attempts "
                        + "left (" + r.detail() + ")", now)).invoke(() -> leases.release(List.of(d.id()))));
            } else {
                String why = switch (r.verdict()) {
                    case NOT_THERE -> "sent again after a crash: attempt " + d.attempts() + " had not arrived ("
                            + r.detail() + ")";
                    case REPEATABLE -> "sent again after a crash: " + r.detail();
                    default -> "sent again after a crash: outcome of attempt " + d.attempts() + " unknown ("
                            + r.detail() + ")";
                };
                LOG.infof("delivery %s by %s %s", d.id(), d.contactType(), why);
                again.add(d.againAfterCrash(now, why));
            }
        }
        Uni<Void> settled = recorded.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(recorded).andCollectFailures().replaceWithVoid();
        return settled.flatMap(x -> deliveries.markSentAgain(again, now))
                .flatMap(x -> again.isEmpty() ? Uni.createFrom().voidItem() : send(again).replaceWithVoid());
    }
}
