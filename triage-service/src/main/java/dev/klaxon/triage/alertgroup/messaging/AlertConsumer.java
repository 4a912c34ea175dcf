package dev.klaxon.triage.alertgroup.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.kit.messaging.IdempotentConsumer;
import dev.klaxon.triage.alertgroup.service.TriageService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Triage of every canonical alert, once per event id, in one transaction with its signal. */
@ApplicationScoped
public class AlertConsumer {

    private final IdempotentConsumer consumer;
    private final TriageService triage;

    public AlertConsumer(IdempotentConsumer consumer, TriageService triage) {
        this.consumer = consumer;
        this.triage = triage;
    }

    @Incoming("alerts")
    public Uni<Void> consume(String json) {
        return consumer.consume("alerts", json, NormalizedAlert.class, a -> {
            if (a.dedupKey() == null || a.status() == null || a.title() == null) {
                throw new EventJson.InvalidEventException("alert lacks dedupKey, status or title", null);
            }
        }, (tx, event) -> triage.triage(tx, event.eventId(), event.payload()));
    }
}
