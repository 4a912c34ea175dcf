package dev.klaxon.notifier.delivery.rest;

import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.notifier.delivery.Delivery;

/**
 * A delivery as the delivery log shows it.
 *
 * @param channel the contact type it went through
 * @param attempts sends tried so far
 * @param providerMessageId the provider's id for the message, once delivered
 * @param lastError why the last attempt failed, if it did
 * @param dueAt when it is (next) to be sent, while pending
 * @param note what happened beyond the last error, such as a reconciliation after a crash
 */
public record DeliveryView(UUID id, UUID notificationId, UUID incidentId, long incidentNumber, NotificationKind kind,
        String recipientId, String recipientName, ContactType channel, String address, Delivery.Status status,
        int attempts, String providerMessageId, String lastError, String subject, String body, Instant dueAt,
        Instant createdAt, Instant updatedAt, String note) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.notificationId(), d.incidentId(), d.incidentNumber(), d.kind(),
                d.recipientId(), d.recipientName(), d.contactType(), d.address(), d.status(), d.attempts(),
                d.providerMessageId(), d.lastError(), d.subject(), d.body(), d.dueAt(), d.createdAt(),
                d.updatedAt(), d.note());
    }
}
