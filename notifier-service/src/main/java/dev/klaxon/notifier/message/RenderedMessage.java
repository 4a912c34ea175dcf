package dev.klaxon.notifier.message;

/**
 * The words of one notification in every form a provider needs.
 *
 * @param subject "[P1] INC-42 DatabaseDown", or "[RESOLVED] INC-42 DatabaseDown"
 * @param status the incident's state in the runbooks' words: "Investigating", "Acknowledged by Olivia", "Resolved"
 * @param text the runbook template as plain text
 * @param html the same as simple HTML, for email (null when rendered for the delivery log only)
 * @param sms one SMS segment (at most 160 GSM-7 characters) with the reply codes while the incident is open (null
 *     when not asked for)
 */
public record RenderedMessage(String subject, String status, String text, String html, String sms) {
}
