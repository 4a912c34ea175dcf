package dev.klaxon.notifier.config;

import java.time.Duration;

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
     * How long a delivery may stay SENDING before it counts as interrupted (the process stopped between the claim
     * and the outcome) and is put back to be sent again; far longer than a provider call may take.
     */
    @WithDefault("2m")
    Duration interruptedAfter();

    /** How often deliveries interrupted mid-send are looked for. */
    @WithDefault("1m")
    Duration sweepInterval();
}
