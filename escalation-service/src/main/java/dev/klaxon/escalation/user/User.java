package dev.klaxon.escalation.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;

/**
 * A person who can be paged, with the ways to reach them and their notification rules (which contact method, how
 * many minutes after the page); without rules every contact method is used at once.
 *
 * @param externalRef where the person came from, when imported (e.g. {@code pagerduty:user:PXYZ123}); unique
 */
public record User(UUID id, String name, String email, String phone, String slackUserId, String timeZone,
        String role, String webhookUrl, List<NotificationRule> notificationRules, String externalRef) {

    public User {
        notificationRules = notificationRules == null ? List.of() : List.copyOf(notificationRules);
    }

    /** A person that no other system knows. */
    public User(UUID id, String name, String email, String phone, String slackUserId, String timeZone, String role,
            String webhookUrl, List<NotificationRule> notificationRules) {
        this(id, name, email, phone, slackUserId, timeZone, role, webhookUrl, notificationRules, null);
    }

    /** The address the person has for a contact type, if any. */
    public Optional<String> address(ContactType type) {
        String a = switch (type) {
            case SLACK -> slackUserId;
            case SMS -> phone;
            case EMAIL -> email;
            case WEBHOOK -> webhookUrl;
        };
        return a == null || a.isBlank() ? Optional.empty() : Optional.of(a);
    }

    /** How a page reaches the person: by their rules, else every contact method they have at once. */
    public List<ContactMethod> contactMethods() {
        List<ContactMethod> methods = new ArrayList<>();
        if (notificationRules.isEmpty()) {
            for (ContactType t : List.of(ContactType.SLACK, ContactType.SMS, ContactType.EMAIL, ContactType.WEBHOOK)) {
                address(t).ifPresent(a -> methods.add(new ContactMethod(t, a, 0)));
            }
            return methods;
        }
        for (NotificationRule r : notificationRules) {
            address(r.contactType()).ifPresent(a -> methods.add(new ContactMethod(r.contactType(), a,
                    r.delayMinutes() * 60)));
        }
        return methods;
    }
}
