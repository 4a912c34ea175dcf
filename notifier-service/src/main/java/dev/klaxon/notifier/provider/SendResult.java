package dev.klaxon.notifier.provider;

import java.time.Duration;

/**
 * What a provider said about one message.
 *
 * @param providerMessageId the provider's id for the message (Slack channel/ts, Twilio SM…, the email Message-ID)
 * @param retryable whether trying again may succeed (no answer, 5xx, 429, Slack "ratelimited")
 * @param retryAfter how long the provider asked us to wait, if it did
 */
public record SendResult(boolean delivered, String providerMessageId, boolean retryable, Duration retryAfter,
        String error) {

    public static SendResult delivered(String providerMessageId) {
        return new SendResult(true, providerMessageId, false, null, null);
    }

    public static SendResult retry(String error, Duration retryAfter) {
        return new SendResult(false, null, true, retryAfter, error);
    }

    public static SendResult failed(String error) {
        return new SendResult(false, null, false, null, error);
    }
}
