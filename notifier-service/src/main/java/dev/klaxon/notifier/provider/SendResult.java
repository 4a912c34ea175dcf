package dev.klaxon.notifier.provider;

import java.time.Duration;

/**
 * What a provider said about one message.
 *
 * @param retryable whether trying again may succeed (timeouts, 5xx, 429)
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
