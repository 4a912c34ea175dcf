package dev.klaxon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A human's request on {@code incidents.commands}, keyed by incident id, coming back through a reply channel.
 *
 * @param incidentId the incident, when the reply channel knows it
 * @param incidentNumber the INC number, when only that is known (an SMS "ACK 42")
 * @param actor who asked, as the reply channel knows them (a person's name, a Slack user name); used as given
 *        when {@code actorContact} names no person
 * @param via slack, sms, email or api
 * @param actorContact the address the answer came from (a Slack user id, a phone number), by which escalation
 *        names the person who has it; null when the channel has none
 */
public record IncidentCommand(Action action, UUID incidentId, Long incidentNumber, String actor, String via,
        Instant at, ContactMethod actorContact) {

    public static final String EVENT_TYPE_PREFIX = "incident.command.";

    /** What the person asked for. */
    public enum Action {
        ACKNOWLEDGE, RESOLVE, ESCALATE
    }

    public String eventType() {
        return EVENT_TYPE_PREFIX + action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
