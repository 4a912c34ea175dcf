package dev.klaxon.escalation.incident.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** Acknowledge, resolve and escalate requests that people sent back through Slack, SMS or email. */
@ApplicationScoped
public class CommandConsumer {

    private final IdempotentConsumer consumer;
    private final IncidentRepository repository;
    private final IncidentService incidents;
    private final UserRepository users;

    public CommandConsumer(IdempotentConsumer consumer, IncidentRepository repository, IncidentService incidents,
            UserRepository users) {
        this.consumer = consumer;
        this.repository = repository;
        this.incidents = incidents;
        this.users = users;
    }

    @Incoming("incident-commands")
    public Uni<Void> consume(String json) {
        return consumer.consume("incident-commands", json, IncidentCommand.class, c -> {
            if (c.action() == null || (c.incidentId() == null && c.incidentNumber() == null)) {
                throw new EventJson.InvalidEventException("incident command lacks action or incident", null);
            }
        }, (tx, event) -> apply(tx, event.payload()));
    }

    private Uni<Void> apply(SqlConnection tx, IncidentCommand c) {
        Uni<Incident> target = c.incidentId() != null ? repository.lock(tx, c.incidentId())
                : repository.lockByNumber(tx, c.incidentNumber());
        String via = c.via() == null ? "unknown" : c.via();
        return target.flatMap(i -> actor(tx, c).flatMap(actor -> {
            if (i == null) {
                // a reply naming an incident that does not exist is answered by the notifier; nothing to do here
                return Uni.createFrom().voidItem();
            }
            return (switch (c.action()) {
                case ACKNOWLEDGE -> incidents.acknowledge(tx, i, actor, via);
                case RESOLVE -> incidents.resolve(tx, i, actor, via);
                case ESCALATE -> incidents.escalate(tx, i, "Escalated by " + actor + " via " + via, actor, via);
            }).replaceWithVoid();
        }));
    }

    /**
     * Who answered: the person whose contact method the answer came from (a Slack user id, a phone number), else
     * the name the reply channel gave.
     */
    private Uni<String> actor(SqlConnection tx, IncidentCommand c) {
        String given = c.actor() == null || c.actor().isBlank() ? "unknown" : c.actor();
        ContactMethod from = c.actorContact();
        if (from == null || from.type() == null || from.address() == null || from.address().isBlank()) {
            return Uni.createFrom().item(given);
        }
        return users.findByContact(tx, from.type(), from.address()).map(u -> u == null ? given : u.name());
    }
}
