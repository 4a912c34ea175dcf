package dev.klaxon.escalation.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.klaxon.events.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How incidents move up their escalation policy. */
@ConfigMapping(prefix = "klaxon.escalation")
public interface EscalationConfig {

    /**
     * How often the timer loop looks for due escalations; a deadline that comes sooner gets a timer of its own, so
     * this bounds how late a deadline armed elsewhere (another replica) is noticed, not how late it fires.
     */
    @WithDefault("1s")
    Duration tick();

    /** How many due incidents one pass (one transaction) takes at most. */
    @WithDefault("200")
    int batchSize();

    /**
     * How many passes (transactions) the loop runs at once; each takes its own due rows (SKIP LOCKED), so the second
     * one has work only when more than a batch is due.
     */
    @WithDefault("2")
    int workers();

    /** Escalate an incident that stays unresolved past its severity's resolution time, even when acknowledged. */
    @WithDefault("true")
    boolean resolveTimeoutEnabled();

    /**
     * Per-severity acknowledge timeout for steps without their own, and the acknowledge target incidents are judged
     * against (keys P1..P4); defaults from the runbooks.
     */
    Map<String, Duration> acknowledgeWithin();

    /**
     * Per-severity "escalate if unresolved after", and the resolve target incidents are judged against (keys P1..P4);
     * defaults from the runbooks (P4 never).
     */
    Map<String, Duration> resolveWithin();

    /** The acknowledge timeout for a severity. */
    default Duration acknowledgeWithin(Severity severity) {
        return Optional.ofNullable(acknowledgeWithin().get(severity.name())).orElse(severity.acknowledgeWithin());
    }

    /** The resolution time for a severity, if it has one. */
    default Optional<Duration> resolveWithin(Severity severity) {
        Duration configured = resolveWithin().get(severity.name());
        return configured != null ? Optional.of(configured) : severity.resolveWithin();
    }
}
