package dev.klaxon.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and loops of alert-ingest. */
@ConfigMapping(prefix = "klaxon.ingest")
public interface IngestConfig {

    /** Per-integration request rate. */
    RateLimit rateLimit();

    /** The per-integration request log. */
    RequestLog requestLog();

    /** How often missed heartbeats are looked for. */
    @WithDefault("1s")
    Duration heartbeatTick();

    /** A token bucket per integration: a sustained rate and a burst. */
    interface RateLimit {
        /** Requests per second an integration may sustain; 0 disables the limit. */
        @WithDefault("50")
        double perSecond();

        /** How many requests may arrive at once above the sustained rate. */
        @WithDefault("200")
        int burst();
    }

    /** What the request log keeps. */
    interface RequestLog {
        /** Requests kept per integration. */
        @WithDefault("50")
        int keep();

        /** Longest body kept, in characters; longer ones are truncated. */
        @WithDefault("65536")
        int maxBody();

        /** Whether requests are logged at all. */
        @WithDefault("true")
        boolean enabled();
    }
}
