package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Tell this recipient this, via these contact methods" on {@code notifications.requested}, keyed by incident id.
 *
 * @param notificationId deterministic (incident, step, cycle, recipient, kind), so a re-send is the same notification
 * @param recipientId a user id, or null for a channel notification
 * @param recipientName a person's name or a channel's label
 */
public record NotificationRequested(UUID notificationId, NotificationKind kind, IncidentSummary incident,
        String recipientId, String recipientName, List<ContactMethod> contactMethods, Instant requestedAt) {

    public static final String EVENT_TYPE = "notification.requested";

    public NotificationRequested {
        contactMethods = contactMethods == null ? List.of() : List.copyOf(contactMethods);
    }
}
