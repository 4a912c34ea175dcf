package dev.klaxon.notifier.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sending loop and its retries. */
@ConfigMapping(prefix = "klaxon.delivery")
public interface DeliveryConfig {

    /** How often due deliveries are looked for; a new notification and a due retry are sent at once regardless. */
    @WithDefault("1s")
    Duration interval();

    /** Deliveries claimed per pass. */
    @WithDefault("100")
    int batchSize();

    /**
     * How many new deliveries may be in flight at once having been claimed as they were written (Slack and webhook
     * messages due now go straight to the provider instead of waiting for a pass); beyond that they wait for a pass.
     */
    @WithDefault("200")
    int inFlight();

    /** Attempts (the first send included) before a delivery is given up as FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Delay before the first retry; doubled per further attempt, with jitter. */
    @WithDefault("2s")
    Duration backoffBase();

    /** Longest delay between two attempts, unless the provider's Retry-After asks for longer. */
    @WithDefault("5m")
    Duration backoffMax();

    /**
     * How long a claimed delivery stays this process's without being renewed: a process that dies holding deliveries
     * loses them to the other replicas (or to its own restart, at once) this long after its last renewal.
     */
    @WithDefault("10s")
    Duration lease();

    /** How often this process renews the leases of the deliveries it is sending; well under {@link #lease()}. */
    @WithDefault("2s")
    Duration leaseRenewal();

    /** How often lapsed leases (deliveries a dead process was sending) are looked for and taken over. */
    @WithDefault("1s")
    Duration takeoverInterval();

    /**
     * How long after an interrupted attempt began its provider is asked whether it got the message, so that a request
     * still on its way when the process died is not missed by the look-up.
     */
    @WithDefault("3s")
    Duration reconcileAfter();

    /** The circuit breaker each provider has. */
    Breaker breaker();

    /** Rate limits per contact method and per provider. */
    RateLimits rateLimits();

    /** When a provider keeps failing, stop calling it for a while instead of hammering it. */
    interface Breaker {

        /** Failures in a row (timeouts, 5xx, 429) that open the circuit. */
        @WithDefault("5")
        int failures();

        /** How long an open circuit stays open before one trial call is let through. */
        @WithDefault("30s")
        Duration openFor();
    }

    /**
     * Rules written {@code count/window}, such as {@code 5/15m}: at most that many messages within any such window.
     * The defaults are GoAlert's published limits, so that carriers do not block the sending number.
     */
    interface RateLimits {

        /** Whether rate limits apply at all. */
        @WithDefault("true")
        boolean enabled();

        /** Per phone number. */
        @WithDefault("1/1m,5/15m,11/1h,21/3h")
        List<String> smsPerAddress();

        /** Across all numbers (the Twilio account). */
        @WithDefault("5/5s")
        List<String> smsPerProvider();

        /** Per email address. */
        @WithDefault("1/1m")
        List<String> emailPerAddress();
    }
}
