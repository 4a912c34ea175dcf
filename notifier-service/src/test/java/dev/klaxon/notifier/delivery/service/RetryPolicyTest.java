package dev.klaxon.notifier.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.klaxon.notifier.provider.SendResult;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    static RetryPolicy policy(double random) {
        return new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(5), () -> random);
    }

    @Test
    void theDelayDoublesPerAttemptWithinItsJitter() {
        assertEquals(NOW.plusSeconds(1), policy(0).nextAttempt(1, null, NOW), "half of 2 s at the least");
        assertEquals(NOW.plusMillis(1999), policy(0.9995).nextAttempt(1, null, NOW).truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS), "just under 2 s at the most");
        assertEquals(NOW.plusSeconds(4), policy(0).nextAttempt(3, null, NOW), "8 s, jittered down to half");
        assertEquals(NOW.plusSeconds(6), policy(0.5).nextAttempt(3, null, NOW), "4 s plus half of the other 4 s");
    }

    @Test
    void theDelayIsCapped() {
        assertEquals(NOW.plusSeconds(150), policy(0).nextAttempt(30, null, NOW));
        assertEquals(NOW.plusSeconds(150), policy(0).nextAttempt(Integer.MAX_VALUE, null, NOW));
    }

    @Test
    void retryAfterIsHonouredEvenBeyondTheBackoff() {
        assertEquals(NOW.plusSeconds(30), policy(0).nextAttempt(1, Duration.ofSeconds(30), NOW));
        assertEquals(NOW.plusSeconds(1), policy(0).nextAttempt(1, Duration.ZERO, NOW));
    }

    @Test
    void onlyTransientFailuresAreRetriedAndOnlyUntilTheAttemptsAreUsedUp() {
        RetryPolicy p = policy(0);
        assertTrue(p.retries(SendResult.retry("503", null), 1));
        assertTrue(p.retries(SendResult.retry("503", null), 4));
        assertFalse(p.retries(SendResult.retry("503", null), 5), "the fifth attempt was the last");
        assertFalse(p.retries(SendResult.failed("400 invalid number"), 1));
        assertFalse(p.retries(SendResult.delivered("SM1"), 1));
    }
}
