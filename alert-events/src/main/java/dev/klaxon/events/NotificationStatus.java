package dev.klaxon.events;

import java.time.Instant;
import java.util.UUID;

/** The outcome of one delivery on {@code notifications.status}, keyed by incident id. */
public record NotificationStatus(UUID notificationId, UUID incidentId, String recipientId, ContactType contactType,
        String address, State state, String providerMessageId, String error, Instant at) {

    public static final String EVENT_TYPE_PREFIX = "notification.";

    /** Final outcome of a delivery. */
    public enum State {
        DELIVERED, FAILED
    }

    public String eventType() {
        return EVENT_TYPE_PREFIX + state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
