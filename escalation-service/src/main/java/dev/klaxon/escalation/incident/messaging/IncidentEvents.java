package dev.klaxon.escalation.incident.messaging;

import java.time.Instant;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces incident state changes and notification requests, through the outbox, in the caller's transaction. */
@ApplicationScoped
public class IncidentEvents {

    static final String SOURCE = "escalation-service";

    private final Outbox outbox;

    public IncidentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> lifecycle(SqlClient tx, Incident i, IncidentLifecycle.Type type, String actor, String via,
            Instant at) {
        IncidentLifecycle event = new IncidentLifecycle(type, i.id(), i.number(), i.incidentKey(), i.title(),
                i.severity(), i.service(), i.status().name(), actor, via, at, i.summary());
        return outbox.add(tx, Topics.INCIDENTS_LIFECYCLE, i.id().toString(),
                EventEnvelope.of(event.eventType(), SOURCE, at, event));
    }

    /** The event id is the notification id, so a request written twice is published once and recognised downstream. */
    public Uni<Void> notification(SqlClient tx, NotificationRequested request) {
        return outbox.add(tx, Topics.NOTIFICATIONS_REQUESTED, request.incident().incidentId().toString(),
                EventEnvelope.withId(request.notificationId(), NotificationRequested.EVENT_TYPE, SOURCE,
                        request.requestedAt(), request));
    }
}
