package dev.klaxon.triage.alertgroup.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.messaging.ProcessedEvents;
import dev.klaxon.triage.alertgroup.service.TriageService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Triage of every canonical alert, once per event id, in one transaction with its signal. */
@ApplicationScoped
public class AlertConsumer {

    private final Pool pool;
    private final ProcessedEvents processed;
    private final TriageService triage;
    private final OutboxRelay relay;

    public AlertConsumer(Pool pool, ProcessedEvents processed, TriageService triage, OutboxRelay relay) {
        this.pool = pool;
        this.processed = processed;
        this.triage = triage;
        this.relay = relay;
    }

    @Incoming("alerts")
    public Uni<Void> consume(String json) {
        return Consumers.guard("alert triage", Uni.createFrom().deferred(() -> {
            EventEnvelope<NormalizedAlert> event = EventJson.read(json, NormalizedAlert.class);
            NormalizedAlert a = event.payload();
            if (a.dedupKey() == null || a.status() == null || a.title() == null) {
                throw new EventJson.InvalidEventException("alert lacks dedupKey, status or title", null);
            }
            return pool.withTransaction(tx -> processed.firstTime(tx, event.eventId(), "alerts")
                    .flatMap(first -> first ? triage.triage(tx, event.eventId(), a) : Uni.createFrom().voidItem()));
        })).invoke(relay::poke);
    }
}
