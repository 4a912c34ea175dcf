package dev.klaxon.notifier.delivery.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.kit.messaging.DeadLetters;
import dev.klaxon.kit.messaging.Sequential;
import dev.klaxon.notifier.delivery.service.DeliveryPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns {@code notifications.requested} records, a polled batch at a time, into one delivery per contact method,
 * rendered once and keyed by (notification, contact type, address) — a request consumed twice is sent once — in one
 * transaction per batch; then wakes the sending loop. A record that is not a usable request goes to the
 * dead-letter topic on its own and the rest of its batch goes on.
 */
@ApplicationScoped
public class NotificationRequestConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationRequestConsumer.class);

    private final DeliveryPlanner planner;
    private final Emitter<String> deadLetters;

    public NotificationRequestConsumer(DeliveryPlanner planner,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> deadLetters) {
        this.planner = planner;
        this.deadLetters = deadLetters;
    }

    @Incoming("notification-requests")
    public Uni<Void> consume(List<String> records) {
        List<NotificationRequested> usable = new ArrayList<>();
        List<Map.Entry<String, RuntimeException>> bad = new ArrayList<>();
        for (String json : records) {
            try {
                usable.add(usable(EventJson.read(json, NotificationRequested.class)));
            } catch (EventJson.InvalidEventException | IllegalArgumentException e) {
                bad.add(Map.entry(json, e));
            }
        }
        long started = System.nanoTime();
        return rejected(deadLetters, bad, Topics.NOTIFICATIONS_REQUESTED).call(() -> Consumers.guard(
                "notification requests", planner.accept(usable)
                        .invoke(inserted -> LOG.debugf("%d notification requests: %d new deliveries in %d ms",
                                usable.size(), inserted, Long.valueOf((System.nanoTime() - started) / 1_000_000)))
                        .replaceWithVoid()));
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

    private static Uni<Void> rejected(Emitter<String> deadLetters, List<Map.Entry<String, RuntimeException>> bad,
            String topic) {
        return Sequential.each(bad, b -> DeadLetters.send(deadLetters, topic, b.getKey(), b.getValue()));
    }
}
