package dev.klaxon.escalation.incident.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies triage's signals (trigger, update, resolve) to incidents, once per event id. */
@ApplicationScoped
public class SignalConsumer {

    private final Pool pool;
    private final ProcessedEvents processed;
    private final IncidentService incidents;
    private final OutboxRelay relay;

    public SignalConsumer(Pool pool, ProcessedEvents processed, IncidentService incidents, OutboxRelay relay) {
        this.pool = pool;
        this.processed = processed;
        this.incidents = incidents;
        this.relay = relay;
    }

    @Incoming("incident-signals")
    public Uni<Void> consume(String json) {
        return Consumers.guard("incident signal", Uni.createFrom().deferred(() -> {
            EventEnvelope<IncidentSignal> event = EventJson.read(json, IncidentSignal.class);
            IncidentSignal s = event.payload();
            if (s.action() == null || s.incidentKey() == null || s.incidentKey().isBlank()
                    || (s.action() != IncidentSignal.Action.RESOLVE && (s.severity() == null || s.title() == null))) {
                throw new EventJson.InvalidEventException("incident signal lacks action, incidentKey, severity or "
                        + "title", null);
            }
            return pool.withTransaction(tx -> processed.firstTime(tx, event.eventId(), "incident-signals")
                    .flatMap(first -> !first ? Uni.createFrom().voidItem() : switch (s.action()) {
                        case TRIGGER -> incidents.trigger(tx, s).replaceWithVoid();
                        case UPDATE -> incidents.update(tx, s).replaceWithVoid();
                        case RESOLVE -> incidents.resolveByKey(tx, s.incidentKey(), "source", "source")
                                .replaceWithVoid();
                    }));
        })).invoke(relay::poke);
    }
}
