package dev.klaxon.escalation.incident.messaging;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.repository.TimelineRepository;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records on the incident timeline what the notifier delivered and what failed. */
@ApplicationScoped
public class DeliveryStatusConsumer {

    private final IdempotentConsumer consumer;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final Clock clock;

    public DeliveryStatusConsumer(IdempotentConsumer consumer, IncidentRepository incidents,
            TimelineRepository timeline, Clock clock) {
        this.consumer = consumer;
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Incoming("delivery-status")
    public Uni<Void> consume(String json) {
        return consumer.consume("delivery-status", json, NotificationStatus.class, s -> {
            if (s.incidentId() == null || s.state() == null) {
                throw new EventJson.InvalidEventException("delivery status lacks incidentId or state", null);
            }
        }, (tx, event) -> {
            NotificationStatus s = event.payload();
            return incidents.find(tx, s.incidentId()).flatMap(incident -> incident == null
                    ? Uni.createFrom().voidItem()
                    : timeline.append(tx, s.incidentId(), s.at() != null ? s.at() : clock.instant(),
                            s.state() == NotificationStatus.State.DELIVERED ? TimelineEntry.Type.DELIVERED
                                    : TimelineEntry.Type.DELIVERY_FAILED,
                            "notifier-service", s.contactType() == null ? null
                                    : s.contactType().name().toLowerCase(Locale.ROOT),
                            parseUser(s.recipientId()), describe(s),
                            Map.of("notificationId", String.valueOf(s.notificationId()),
                                    "providerMessageId", String.valueOf(s.providerMessageId()))));
        });
    }

    private static String describe(NotificationStatus s) {
        return (s.state() == NotificationStatus.State.DELIVERED ? "Delivered by " : "Delivery failed by ")
                + s.contactType() + (s.error() != null ? ": " + s.error() : "");
    }

    private static UUID parseUser(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
