package dev.klaxon.notifier.delivery.messaging;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.notifier.delivery.service.DeliveryPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each {@code notifications.requested} record into one delivery per contact method, rendered once and keyed
 * by (notification, contact type, address), so a request consumed twice is sent once; then wakes the loop. A record
 * that is not a usable request fails at once and goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotificationRequestConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationRequestConsumer.class);

    private final DeliveryPlanner planner;

    public NotificationRequestConsumer(DeliveryPlanner planner) {
        this.planner = planner;
    }

    @Incoming("notification-requests")
    public Uni<Void> consume(String json) {
        return Consumers.guard("notification request", Uni.createFrom().deferred(() -> {
            EventEnvelope<NotificationRequested> event = EventJson.read(json, NotificationRequested.class);
            return planner.accept(List.of(usable(event)))
                    .invoke(inserted -> LOG.debugf("notification %s: %d new deliveries", event.eventId(), inserted))
                    .replaceWithVoid();
        }));
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
