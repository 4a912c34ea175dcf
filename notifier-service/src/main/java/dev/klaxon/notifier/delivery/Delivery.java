package dev.klaxon.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;

/**
 * One message to one contact method for one notification: what it says, where it stands, and what the provider
 * answered.
 *
 * @param id derived from (notification, contact type, address), so the same request always yields the same rows
 * @param dueAt when it is (next) to be sent: the request time plus the contact method's delay, later after a retry
 * @param attempts sends tried so far, counted when a send is claimed
 * @param subject the rendered subject line
 * @param body the rendered text as sent through this contact method
 * @param request the notification request it came from, for providers that need more than the text
 * @param attemptAt when the current (or last) attempt began: where a look-up at the provider starts after a crash
 * @param note what happened beyond the last error, kept when it is delivered ("found at Slack after a crash: not
 *        sent again", "sent again after a crash: outcome of attempt 1 unknown")
 */
public record Delivery(UUID id, UUID notificationId, UUID incidentId, long incidentNumber, NotificationKind kind,
        String recipientId, String recipientName, ContactType contactType, String address, Status status,
        Instant dueAt, int attempts, String providerMessageId, String lastError, String subject, String body,
        NotificationRequested request, Instant createdAt, Instant updatedAt, Instant attemptAt, String note) {

    /** Where a delivery stands. */
    public enum Status {
        /** Waiting until {@code dueAt} (first send or a retry). */
        PENDING,
        /** Claimed by a sender; the provider is being called. */
        SENDING,
        /** The provider accepted it. */
        DELIVERED,
        /** Given up: refused by the provider, or out of attempts. */
        FAILED,
        /** Not sent: the incident was acknowledged or resolved while the page was still waiting. */
        CANCELLED
    }

    /** A new delivery of a request through one of its contact methods, due after the method's delay. */
    public static Delivery pending(NotificationRequested n, ContactMethod method, String subject, String body,
            Instant now) {
        return new Delivery(id(n.notificationId(), method.type(), method.address()), n.notificationId(),
                n.incident().incidentId(), n.incident().number(), n.kind(), n.recipientId(), n.recipientName(),
                method.type(), method.address(), Status.PENDING,
                n.requestedAt().plusSeconds(Math.max(0, method.delaySeconds())), 0, null, null, subject, body, n,
                now, now, null, null);
    }

    /** This new delivery claimed for sending as it is written: SENDING, with its first attempt counted. */
    public Delivery claimedAtOnce(Instant now) {
        return new Delivery(id, notificationId, incidentId, incidentNumber, kind, recipientId, recipientName,
                contactType, address, Status.SENDING, dueAt, attempts + 1, providerMessageId, lastError, subject,
                body, request, createdAt, updatedAt, now, note);
    }

    /** This interrupted delivery, sent again: one more attempt, begun now, and why it is sent again. */
    public Delivery againAfterCrash(Instant now, String why) {
        return new Delivery(id, notificationId, incidentId, incidentNumber, kind, recipientId, recipientName,
                contactType, address, status, dueAt, attempts + 1, providerMessageId, lastError, subject, body,
                request, createdAt, updatedAt, now, why);
    }

    /**
     * The message that stands for a bundle of pages, sent in this delivery's place: its own subject and text, and
     * no single request to render from ({@code request} is null), so senders send the text as it is.
     */
    public Delivery asBundle(String bundleSubject, String bundleBody) {
        return new Delivery(id, notificationId, incidentId, incidentNumber, NotificationKind.UPDATE, recipientId,
                recipientName, contactType, address, status, dueAt, attempts, providerMessageId, lastError,
                bundleSubject, bundleBody, null, createdAt, updatedAt, attemptAt, note);
    }

    /** The identity of the delivery of a notification to one address. */
    public static UUID id(UUID notificationId, ContactType type, String address) {
        return DeterministicIds.of(notificationId, type, address);
    }
}
