package dev.klaxon.notifier.response.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.Outbox;
import dev.klaxon.kit.messaging.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a person's answer (Slack button, SMS reply, email link) into a command on {@code incidents.commands},
 * through the outbox so an accepted answer is never lost; escalation-service applies it once.
 */
@ApplicationScoped
public class ResponseCommands {

    static final String SOURCE = "notifier-service";

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public ResponseCommands(Pool pool, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * @param actor who answered, as the reply channel knows them
     * @param from the address they answered from (their Slack user id, their phone), by which escalation-service
     *        names the person; null when the channel gives none
     */
    public Uni<Void> send(IncidentCommand.Action action, UUID incidentId, long incidentNumber, String actor,
            String via, ContactMethod from) {
        Instant now = clock.instant();
        IncidentCommand c = new IncidentCommand(action, incidentId, incidentNumber, actor, via, now, from);
        return pool.withTransaction(tx -> outbox.add(tx, Topics.INCIDENTS_COMMANDS, incidentId.toString(),
                EventEnvelope.of(c.eventType(), SOURCE, now, c))).invoke(relay::poke);
    }

    /** What the person is told: "Acknowledged INC-42 — escalation stopped". */
    public static String confirmation(IncidentCommand.Action action, String reference) {
        return switch (action) {
            case ACKNOWLEDGE -> "Acknowledged " + reference + " — escalation stopped";
            case RESOLVE -> "Resolved " + reference;
            case ESCALATE -> "Escalated " + reference + " to the next step";
        };
    }
}
