package dev.klaxon.notifier.channel.messaging;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.notifier.channel.ChannelBook;
import dev.klaxon.notifier.delivery.service.DeliveryPlanner;
import dev.klaxon.notifier.delivery.service.PageCanceller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Announces incidents in channels: each {@code incidents.lifecycle} event becomes a notification per matching
 * channel route, with an id made of the event's id and the route's, so a redelivered event is announced once. An
 * acknowledgement or resolution first cancels the incident's pages still waiting to be sent.
 */
@ApplicationScoped
public class LifecycleAnnouncer {

    private final ChannelBook channels;
    private final DeliveryPlanner planner;
    private final PageCanceller canceller;

    public LifecycleAnnouncer(ChannelBook channels, DeliveryPlanner planner, PageCanceller canceller) {
        this.channels = channels;
        this.planner = planner;
        this.canceller = canceller;
    }

    @Incoming("incident-lifecycle")
    public Uni<Void> consume(String json) {
        return Consumers.guard("incident lifecycle", Uni.createFrom().deferred(() -> {
            EventEnvelope<IncidentLifecycle> event = EventJson.read(json, IncidentLifecycle.class);
            IncidentLifecycle e = event.payload();
            if (e.type() == null || e.incidentId() == null || e.severity() == null || e.title() == null) {
                throw new EventJson.InvalidEventException("lifecycle event " + event.eventId()
                        + " lacks its type, incident id, severity or title", null);
            }
            NotificationKind kind = switch (e.type()) {
                case OPENED -> NotificationKind.TRIGGERED;
                case ESCALATED -> NotificationKind.ESCALATED;
                case ACKNOWLEDGED -> NotificationKind.ACKNOWLEDGED;
                case RESOLVED -> NotificationKind.RESOLVED;
                case SEVERITY_RAISED, REASSIGNED -> NotificationKind.UPDATE;
            };
            IncidentSummary incident = e.incident() != null ? e.incident()
                    : new IncidentSummary(e.incidentId(), e.number(), e.title(), null, e.severity(), e.service(),
                            e.status(), e.at(), null, null, null, 0, List.of());
            Instant at = e.at() != null ? e.at() : event.occurredAt();
            return canceller.cancelWaitingPages(e, at).flatMap(x -> channels.matching(e))
                    .flatMap(routes -> planner.accept(routes.stream()
                            .map(r -> new NotificationRequested(DeterministicIds.of(event.eventId(), r.id()), kind,
                                    incident, null, r.name(),
                                    List.of(new ContactMethod(r.contactType(), r.address(), 0)),
                                    at))
                            .toList()))
                    .replaceWithVoid();
        }));
    }
}
