package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.message.MessageRenderer;
import dev.klaxon.notifier.message.RenderedMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns notifications into delivery rows, one per contact method, written before any provider is called. The rows'
 * ids are deterministic, so a notification accepted twice (redelivery, a re-sent request) is delivered once.
 */
@ApplicationScoped
public class DeliveryPlanner {

    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final MessageRenderer renderer;
    private final DeliveryLoop loop;
    private final DeliveryDispatcher dispatcher;
    private final Leases leases;
    private final Clock clock;

    public DeliveryPlanner(Pool pool, DeliveryRepository deliveries, MessageRenderer renderer, DeliveryLoop loop,
            DeliveryDispatcher dispatcher, Leases leases, Clock clock) {
        this.pool = pool;
        this.dispatcher = dispatcher;
        this.leases = leases;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.loop = loop;
        this.clock = clock;
    }

    /**
     * Records the deliveries of these notifications; those that may go at once (see
     * {@link DeliveryDispatcher#goesAtOnce}) are written already claimed and sent as soon as the rows commit, the
     * rest wake the sending loop. Answers how many deliveries were new.
     */
    public Uni<Integer> accept(List<NotificationRequested> notifications) {
        Instant now = clock.instant();
        List<Delivery> rows = new ArrayList<>();
        notifications.forEach(n -> rows.addAll(deliveriesOf(n, now)));
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Delivery> atOnce = rows.stream().filter(d -> dispatcher.goesAtOnce(d, now)).toList();
        int room = loop.reserve(atOnce.size());
        Set<UUID> claiming = atOnce.stream().limit(room).map(Delivery::id).collect(Collectors.toSet());
        List<Delivery> planned = rows.stream().map(d -> claiming.contains(d.id()) ? d.claimedAtOnce(now) : d)
                .toList();
        leases.hold(claiming);
        // one statement, so no transaction of its own: a batch runs in one implicit transaction (one Sync)
        return deliveries.insertNew(pool, planned, leases.next())
                .onFailure().invoke(e -> {
                    loop.release(room);
                    leases.release(claiming);
                })
                .invoke(inserted -> {
                    // a row recorded before (the request consumed again) is not new and not sent again from here
                    List<Delivery> claimed = planned.stream()
                            .filter(d -> d.status() == Delivery.Status.SENDING && inserted.contains(d.id())).toList();
                    leases.release(claiming.stream().filter(id -> !inserted.contains(id)).toList());
                    loop.release(room - claimed.size());
                    loop.sendAtOnce(claimed);
                    if (inserted.size() > claimed.size()) {
                        loop.poke();
                    }
                })
                .map(Set::size);
    }

    private List<Delivery> deliveriesOf(NotificationRequested n, Instant now) {
        RenderedMessage message = renderer.renderPlain(n, n.contactMethods().stream()
                .anyMatch(m -> m != null && m.type() == ContactType.SMS));
        List<Delivery> rows = new ArrayList<>();
        for (ContactMethod m : n.contactMethods()) {
            if (m == null || m.type() == null || m.address() == null || m.address().isBlank()) {
                LOG.warnf("notification %s: skipping a contact method without type or address", n.notificationId());
                continue;
            }
            String body = m.type() == ContactType.SMS ? message.sms() : message.text();
            rows.add(Delivery.pending(n, new ContactMethod(m.type(), m.address().strip(), m.delaySeconds()),
                    message.subject(), body, now));
        }
        return rows;
    }
}
