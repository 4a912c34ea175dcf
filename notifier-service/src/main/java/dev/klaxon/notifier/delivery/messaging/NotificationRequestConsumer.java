package dev.klaxon.notifier.delivery.messaging;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.delivery.service.DeliverySender;
import dev.klaxon.notifier.message.MessageRenderer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each notification request into one delivery row per contact method, keyed by (notification, channel,
 * address), so a request consumed twice is delivered once; then wakes the sender.
 */
@ApplicationScoped
public class NotificationRequestConsumer {

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final DeliverySender sender;

    public NotificationRequestConsumer(Pool pool, DeliveryRepository deliveries, DeliverySender sender) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Incoming("notification-requests")
    public Uni<Void> consume(String json) {
        return Consumers.guard("notification request", Uni.createFrom().deferred(() -> {
            EventEnvelope<NotificationRequested> event = EventJson.read(json, NotificationRequested.class);
            NotificationRequested n = event.payload();
            if (n.notificationId() == null || n.kind() == null || n.incident() == null
                    || n.incident().incidentId() == null || n.incident().severity() == null
                    || n.incident().title() == null || n.incident().startedAt() == null) {
                throw new EventJson.InvalidEventException("notification request lacks id, kind or incident", null);
            }
            List<Delivery> rows = new ArrayList<>();
            String subject = MessageRenderer.subject(n);
            String text = MessageRenderer.text(n);
            String payload = EventJson.write(n);
            for (ContactMethod m : n.contactMethods()) {
                if (m.type() == null || m.address() == null || m.address().isBlank()) {
                    continue;
                }
                rows.add(new Delivery(DeterministicIds.of(n.notificationId(), m.type(), m.address()),
                        n.notificationId(), n.incident().incidentId(), n.incident().number(), n.kind().name(),
                        n.recipientId(), n.recipientName(), m.type(), m.address(), Delivery.Status.PENDING,
                        n.requestedAt().plusSeconds(Math.max(0, m.delaySeconds())), 0, null, null, subject,
                        m.type() == dev.klaxon.events.ContactType.SMS ? MessageRenderer.sms(n) : text, payload,
                        null, null));
            }
            return pool.withTransaction(tx -> deliveries.insertNew(tx, rows)).replaceWithVoid();
        })).invoke(sender::poke);
    }
}
