package dev.klaxon.importer.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the importer reads the sources and checks the result. */
@ConfigMapping(prefix = "klaxon.importer")
public interface ImporterConfig {

    /** Retrying source and Klaxon requests that were rate-limited (429) or failed for the moment (5xx, network). */
    Retry retry();

    /** The on-call check after applying. */
    Verify verify();

    /** How many objects a source is asked for per page (PagerDuty allows up to 100). */
    @WithDefault("100")
    int pageSize();

    /** Per-request connect and read timeout. */
    @WithDefault("30s")
    Duration timeout();

    /** Retry settings. */
    interface Retry {
        /** Attempts per request, the first included. */
        @WithDefault("8")
        int attempts();

        /** The first back-off when the answer names no Retry-After; doubled on each retry. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts, whatever Retry-After says. */
        @WithDefault("60s")
        Duration maxWait();
    }

    /** On-call check settings. */
    interface Verify {
        /** How far ahead who is on call is compared. */
        @WithDefault("28d")
        Duration horizon();

        /** Besides every hand-off, the comparison samples one instant this often. */
        @WithDefault("3h")
        Duration sampleEvery();
    }
}
