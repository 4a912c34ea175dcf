package dev.klaxon.escalation.incident.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** Acknowledge, resolve and escalate requests that people sent back through Slack, SMS or email. */
@ApplicationScoped
public class CommandConsumer {

    private final Pool pool;
    private final ProcessedEvents processed;
    private final IncidentRepository repository;
    private final IncidentService incidents;
    private final OutboxRelay relay;

    public CommandConsumer(Pool pool, ProcessedEvents processed, IncidentRepository repository,
            IncidentService incidents, OutboxRelay relay) {
        this.pool = pool;
        this.processed = processed;
        this.repository = repository;
        this.incidents = incidents;
        this.relay = relay;
    }

    @Incoming("incident-commands")
    public Uni<Void> consume(String json) {
        return Consumers.guard("incident command", Uni.createFrom().deferred(() -> {
            EventEnvelope<IncidentCommand> event = EventJson.read(json, IncidentCommand.class);
            IncidentCommand c = event.payload();
            if (c.action() == null || (c.incidentId() == null && c.incidentNumber() == null)) {
                throw new EventJson.InvalidEventException("incident command lacks action or incident", null);
            }
            return pool.withTransaction(tx -> processed.firstTime(tx, event.eventId(), "incident-commands")
                    .flatMap(first -> !first ? Uni.createFrom().voidItem() : apply(tx, c)));
        })).invoke(relay::poke);
    }

    private Uni<Void> apply(SqlConnection tx, IncidentCommand c) {
        Uni<Incident> target = c.incidentId() != null ? repository.lock(tx, c.incidentId())
                : repository.lockByNumber(tx, c.incidentNumber());
        String actor = c.actor() == null ? "unknown" : c.actor();
        String via = c.via() == null ? "unknown" : c.via();
        return target.flatMap(i -> {
            if (i == null) {
                // a reply naming an incident that does not exist is answered by the notifier; nothing to do here
                return Uni.createFrom().voidItem();
            }
            return (switch (c.action()) {
                case ACKNOWLEDGE -> incidents.acknowledge(tx, i, actor, via);
                case RESOLVE -> incidents.resolve(tx, i, actor, via);
                case ESCALATE -> incidents.escalate(tx, i, "Escalated by " + actor + " via " + via, actor, via);
            }).replaceWithVoid();
        });
    }
}
