package dev.klaxon.escalation.incident.messaging;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.repository.TimelineRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
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
    private final IncidentService service;
    private final Clock clock;

    public DeliveryStatusConsumer(IdempotentConsumer consumer, IncidentRepository incidents,
            TimelineRepository timeline, IncidentService service, Clock clock) {
        this.consumer = consumer;
        this.incidents = incidents;
        this.timeline = timeline;
        this.service = service;
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
            return incidents.lock(tx, s.incidentId()).flatMap(incident -> incident == null
                    ? Uni.createFrom().voidItem()
                    : timeline.append(tx, s.incidentId(), s.at() != null ? s.at() : clock.instant(),
                            s.state() == NotificationStatus.State.DELIVERED ? TimelineEntry.Type.DELIVERED
                                    : TimelineEntry.Type.DELIVERY_FAILED,
                            "notifier-service", s.contactType() == null ? null
                                    : s.contactType().name().toLowerCase(Locale.ROOT),
                            parseUser(s.recipientId()), describe(s),
                            Map.of("notificationId", String.valueOf(s.notificationId()),
                                    "providerMessageId", String.valueOf(s.providerMessageId())))
                            .flatMap(x -> s.state() == NotificationStatus.State.FAILED
                                    ? escalateIfNobodyReached(tx, incident, s) : Uni.createFrom().voidItem()));
        });
    }

    /**
     * When every contact method of a page to the current step has failed, that person cannot be reached: escalate
     * to the next step at once instead of waiting out the step's timeout.
     */
    private Uni<Void> escalateIfNobodyReached(io.vertx.mutiny.sqlclient.SqlConnection tx, Incident incident,
            NotificationStatus s) {
        if (incident.status() != IncidentStatus.TRIGGERED || s.notificationId() == null) {
            return Uni.createFrom().voidItem();
        }
        String notificationId = s.notificationId().toString();
        return timeline.page(tx, incident.id(), notificationId).flatMap(page -> {
            if (page == null || page.step() != incident.step() || page.cycle() != incident.cycle()
                    || page.reassign() != incident.reassignCount() || page.contactMethods() == 0) {
                return Uni.createFrom().voidItem();
            }
            return timeline.failedDeliveries(tx, incident.id(), notificationId).flatMap(failed -> failed
                    < page.contactMethods() ? Uni.createFrom().voidItem()
                            : service.escalate(tx, incident, "Every delivery to " + s.recipientId()
                                    + " failed; escalating now", "system", "delivery").replaceWithVoid());
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
