package dev.klaxon.escalation.incident;

import java.time.Duration;
import java.util.Optional;

/**
 * How fast an incident was acknowledged and resolved, against the response targets of its severity (the runbooks'
 * "P1: acknowledge within 15 min, resolve within 30 min"). The targets are kept with the incident, so a later change
 * of configuration does not rewrite what was judged. A breach flag is null until that phase is judged: when the
 * incident is acknowledged (or resolved without anyone acknowledging it) and when it is resolved.
 *
 * @param acknowledgeTargetSeconds acknowledge within this, from trigger
 * @param acknowledgedAfterSeconds from trigger to the first acknowledgement (null: not acknowledged, or never was)
 * @param acknowledgeBreached whether the acknowledge target was missed; true too for an incident resolved without an
 *        acknowledgement after that target had passed
 * @param resolveTargetSeconds resolve within this, from trigger (null: the severity has none, as P4)
 * @param resolvedAfterSeconds from trigger to resolution
 * @param resolveBreached whether the resolve target was missed (false when there was none)
 */
public record ResponseTimes(Long acknowledgeTargetSeconds, Long acknowledgedAfterSeconds, Boolean acknowledgeBreached,
        Long resolveTargetSeconds, Long resolvedAfterSeconds, Boolean resolveBreached) {

    /** Nothing judged yet, against these targets. */
    public static ResponseTimes targets(Duration acknowledgeWithin, Optional<Duration> resolveWithin) {
        return new ResponseTimes(acknowledgeWithin.toSeconds(), null, null,
                resolveWithin.map(Duration::toSeconds).orElse(null), null, null);
    }

    /** New targets (the severity was raised) for the phases not judged yet. */
    public ResponseTimes retargeted(Duration acknowledgeWithin, Optional<Duration> resolveWithin) {
        return new ResponseTimes(acknowledgeBreached == null ? acknowledgeWithin.toSeconds() : acknowledgeTargetSeconds,
                acknowledgedAfterSeconds, acknowledgeBreached,
                resolveBreached == null ? resolveWithin.map(Duration::toSeconds).orElse(null) : resolveTargetSeconds,
                resolvedAfterSeconds, resolveBreached);
    }

    /** Judges the acknowledgement that came this long after the trigger; only the first one counts. */
    public ResponseTimes acknowledged(Duration took) {
        if (acknowledgeBreached != null) {
            return this;
        }
        return new ResponseTimes(acknowledgeTargetSeconds, took.toSeconds(), missed(took, acknowledgeTargetSeconds),
                resolveTargetSeconds, resolvedAfterSeconds, resolveBreached);
    }

    /**
     * Judges the resolution that came this long after the trigger; an incident nobody acknowledged breached its
     * acknowledge target too if that had passed.
     */
    public ResponseTimes resolved(Duration took) {
        if (resolveBreached != null) {
            return this;
        }
        return new ResponseTimes(acknowledgeTargetSeconds, acknowledgedAfterSeconds,
                acknowledgeBreached != null ? acknowledgeBreached : missed(took, acknowledgeTargetSeconds),
                resolveTargetSeconds, took.toSeconds(), missed(took, resolveTargetSeconds));
    }

    private static boolean missed(Duration took, Long targetSeconds) {
        return targetSeconds != null && took.compareTo(Duration.ofSeconds(targetSeconds)) > 0;
    }
}
