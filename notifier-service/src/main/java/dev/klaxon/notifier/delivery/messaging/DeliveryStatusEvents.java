package dev.klaxon.notifier.delivery.messaging;

import java.time.Instant;
import java.util.List;

import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Announces the final outcome of a delivery on {@code notifications.status}, keyed by incident id, through the
 * outbox in the transaction that records the outcome. The event id is derived from (delivery, outcome), so the
 * same outcome announced twice is one event.
 */
@ApplicationScoped
public class DeliveryStatusEvents {

    static final String SOURCE = "notifier-service";

    private final Outbox outbox;

    public DeliveryStatusEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> announce(SqlClient tx, Delivery d, NotificationStatus.State state, String providerMessageId,
            String error, Instant at) {
        return announceAll(tx, List.of(event(d, state, providerMessageId, error, at)));
    }

    /** Announces several outcomes in one statement. */
    public Uni<Void> announceAll(SqlClient tx, List<Outbox.Entry> events) {
        return outbox.addAll(tx, events);
    }

    /** The event announcing one delivery's outcome, for {@link #announceAll}. */
    public static Outbox.Entry event(Delivery d, NotificationStatus.State state, String providerMessageId,
            String error, Instant at) {
        NotificationStatus status = new NotificationStatus(d.notificationId(), d.incidentId(), d.recipientId(),
                d.contactType(), d.address(), state, providerMessageId, error, at);
        return new Outbox.Entry(Topics.NOTIFICATIONS_STATUS, d.incidentId().toString(), EventEnvelope.withId(
                DeterministicIds.of(d.id(), state), status.eventType(), SOURCE, at, status));
    }
}
