package dev.klaxon.notifier.delivery.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.delivery.service.DeliveryLoop;
import dev.klaxon.notifier.message.MessageRenderer;
import dev.klaxon.notifier.message.RenderedMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each {@code notifications.requested} record into one delivery per contact method, rendered once and keyed
 * by (notification, contact type, address), so a request consumed twice is sent once; then wakes the loop. A record
 * that is not a usable request fails at once and goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotificationRequestConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationRequestConsumer.class);

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final MessageRenderer renderer;
    private final DeliveryLoop loop;
    private final Clock clock;

    public NotificationRequestConsumer(Pool pool, DeliveryRepository deliveries, MessageRenderer renderer,
            DeliveryLoop loop, Clock clock) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.loop = loop;
        this.clock = clock;
    }

    @Incoming("notification-requests")
    public Uni<Void> consume(String json) {
        return Consumers.guard("notification request", Uni.createFrom().deferred(() -> {
            EventEnvelope<NotificationRequested> event = EventJson.read(json, NotificationRequested.class);
            List<Delivery> rows = deliveriesOf(usable(event));
            return pool.withTransaction(tx -> deliveries.insertNew(tx, rows))
                    .invoke(inserted -> LOG.debugf("notification %s: %d new deliveries of %d", event.eventId(),
                            inserted, rows.size()))
                    .replaceWithVoid();
        })).invoke(loop::poke);
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

    /** The request, with its time defaulted to the envelope's; refused when it lacks what rendering needs. */
    private static NotificationRequested usable(EventEnvelope<NotificationRequested> event) {
        NotificationRequested n = event.payload();
        IncidentSummary i = n.incident();
        if (n.notificationId() == null || n.kind() == null || i == null || i.incidentId() == null
                || i.severity() == null || i.title() == null || i.startedAt() == null) {
            throw new EventJson.InvalidEventException("notification request " + event.eventId()
                    + " lacks its id, kind, or the incident's id, severity, title or start", null);
        }
        if (n.requestedAt() != null) {
            return n;
        }
        Instant at = event.occurredAt() != null ? event.occurredAt() : i.startedAt();
        return new NotificationRequested(n.notificationId(), n.kind(), i, n.recipientId(), n.recipientName(),
                n.contactMethods(), at);
    }
}
