package dev.klaxon.escalation.incident.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies triage's signals (trigger, update, resolve) to incidents, once per event id. */
@ApplicationScoped
public class SignalConsumer {

    private final IdempotentConsumer consumer;
    private final IncidentService incidents;

    public SignalConsumer(IdempotentConsumer consumer, IncidentService incidents) {
        this.consumer = consumer;
        this.incidents = incidents;
    }

    @Incoming("incident-signals")
    public Uni<Void> consume(String json) {
        return consumer.consume("incident-signals", json, IncidentSignal.class, SignalConsumer::check,
                (tx, event) -> {
                    IncidentSignal s = event.payload();
                    String actor = s.actor() == null || s.actor().isBlank() ? "source" : s.actor();
                    String via = s.via() == null || s.via().isBlank() ? "source" : s.via();
                    return switch (s.action()) {
                        case TRIGGER -> incidents.trigger(tx, s);
                        case UPDATE -> incidents.update(tx, s);
                        case ACKNOWLEDGE -> incidents.acknowledgeByKey(tx, s.incidentKey(), actor, via);
                        case RESOLVE -> incidents.resolveByKey(tx, s.incidentKey(), actor, via);
                    };
                });
    }

    private static void check(IncidentSignal s) {
        if (s.action() == null || s.incidentKey() == null || s.incidentKey().isBlank()
                || (s.action() != IncidentSignal.Action.RESOLVE && s.action() != IncidentSignal.Action.ACKNOWLEDGE
                        && (s.severity() == null || s.title() == null))) {
            throw new EventJson.InvalidEventException("incident signal lacks action, incidentKey, severity or title",
                    null);
        }
    }
}
