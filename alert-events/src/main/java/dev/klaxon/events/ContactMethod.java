package dev.klaxon.events;

/**
 * One way to reach a recipient: a Slack user or channel id, an email address, an E.164 phone number, a URL.
 *
 * @param delaySeconds how long after the notification this method is used (per-user notification rules)
 */
public record ContactMethod(ContactType type, String address, int delaySeconds) {
}
