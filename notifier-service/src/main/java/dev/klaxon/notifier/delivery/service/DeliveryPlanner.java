package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final Clock clock;

    public DeliveryPlanner(Pool pool, DeliveryRepository deliveries, MessageRenderer renderer, DeliveryLoop loop,
            Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.loop = loop;
        this.clock = clock;
    }

    /** Records the deliveries of these notifications and wakes the sending loop; answers how many were new. */
    public Uni<Integer> accept(List<NotificationRequested> notifications) {
        List<Delivery> rows = new ArrayList<>();
        notifications.forEach(n -> rows.addAll(deliveriesOf(n)));
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(tx -> deliveries.insertNew(tx, rows)).invoke(loop::poke);
    }

    private List<Delivery> deliveriesOf(NotificationRequested n) {
        RenderedMessage message = renderer.render(n);
        Instant now = clock.instant();
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
