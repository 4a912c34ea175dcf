package dev.klaxon.escalation.user;

import dev.klaxon.events.ContactType;

/** One of a person's notification rules: reach them by this contact method this many minutes after the page. */
public record NotificationRule(ContactType contactType, int delayMinutes) {
}
