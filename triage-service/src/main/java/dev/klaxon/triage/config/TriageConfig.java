package dev.klaxon.triage.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** triage-service settings, under {@code klaxon.triage}. */
@ConfigMapping(prefix = "klaxon.triage")
public interface TriageConfig {

    /** How often replicas re-read the rule list; changes made through this instance apply at once. */
    @WithDefault("5s")
    Duration ruleRefresh();

    /** How often replicas re-read silences and maintenance windows; changes made here apply at once. */
    @WithDefault("5s")
    Duration silenceRefresh();

    /** Storm control. */
    Storm storm();

    /** When a service opens more than {@code threshold} incidents within {@code window}, further alerts join one. */
    interface Storm {

        /** Whether storm control applies at all. */
        @WithDefault("true")
        boolean enabled();

        /** Incidents a service may open within the window before further alerts join one storm incident. */
        @WithDefault("10")
        int threshold();

        /** The window the threshold counts over. */
        @WithDefault("5m")
        Duration window();
    }
}
