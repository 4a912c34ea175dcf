package dev.klaxon.notifier.delivery.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.provider.SendResult;

/**
 * When a failed send is tried again: exponential backoff with jitter, never sooner than the provider's Retry-After,
 * and not at all once the attempts are used up or the provider refused for good.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1), spreading retries so a provider outage does not end in a thundering herd
     */
    public RetryPolicy(int maxAttempts, Duration base, Duration max, DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.max = max;
        this.random = random;
    }

    public static RetryPolicy of(DeliveryConfig config) {
        return new RetryPolicy(config.maxAttempts(), config.backoffBase(), config.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Whether a send that ended so, after that many attempts, is tried again. */
    public boolean retries(SendResult result, int attempts) {
        return !result.delivered() && result.retryable() && attempts < maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * When to try again after the given attempt (1 for the first send): base × 2^(attempt-1), capped, of which a
     * random half is kept ("equal jitter"); at least the provider's Retry-After.
     */
    public Instant nextAttempt(int attempt, Duration retryAfter, Instant now) {
        long exponential = Math.min(max.toMillis(), base.toMillis() << Math.min(30, Math.max(0, attempt - 1)));
        long jittered = exponential / 2 + (long) (random.getAsDouble() * (exponential - exponential / 2));
        long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return now.plusMillis(wait);
    }
}
