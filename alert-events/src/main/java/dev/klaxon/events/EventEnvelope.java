package dev.klaxon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every Klaxon event travels in: identity, type, schema version, time, producer and a typed payload.
 *
 * @param eventId unique per event; consumers record it to tolerate redelivery
 * @param eventType dotted name such as {@code alert.normalized}
 * @param schemaVersion grows only on breaking changes; new optional fields keep the version
 * @param occurredAt when the fact happened (UTC)
 * @param source the producing service
 * @param payload the typed event body
 */
public record EventEnvelope<T>(UUID eventId, String eventType, int schemaVersion, Instant occurredAt, String source,
        T payload) {

    /** A new envelope with a random id. */
    public static <T> EventEnvelope<T> of(String eventType, String source, Instant occurredAt, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), eventType, 1, occurredAt, source, payload);
    }

    /** A new envelope whose id is given, so that a re-send is recognised downstream as the same event. */
    public static <T> EventEnvelope<T> withId(UUID eventId, String eventType, String source, Instant occurredAt,
            T payload) {
        return new EventEnvelope<>(eventId, eventType, 1, occurredAt, source, payload);
    }
}
