package dev.klaxon.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.ContactType;

/**
 * One message to one address for one notification: its rendered text, where it stands, and what the provider said.
 *
 * @param payload the notification request it came from, as JSON (for providers that need more than the text)
 */
public record Delivery(UUID id, UUID notificationId, UUID incidentId, long incidentNumber, String kind,
        String recipientId, String recipientName, ContactType channel, String address, Status status, Instant dueAt,
        int attempts, String providerMessageId, String lastError, String subject, String body, String payload,
        Instant createdAt, Instant updatedAt) {

    /** Where a delivery stands. */
    public enum Status {
        PENDING, SENDING, DELIVERED, FAILED
    }
}
