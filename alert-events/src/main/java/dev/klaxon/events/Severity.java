package dev.klaxon.events;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Incident severity P1–P4 with the runbooks' response targets: acknowledge within, and escalate when unresolved after.
 */
public enum Severity {
    P1("critical", Duration.ofMinutes(15), Duration.ofMinutes(30)),
    P2("high", Duration.ofHours(1), Duration.ofHours(2)),
    P3("medium", Duration.ofHours(4), Duration.ofHours(8)),
    /** Next business day; never escalated for being unresolved. */
    P4("low", Duration.ofHours(24), null);

    private final String label;
    private final Duration acknowledgeWithin;
    private final Duration resolveWithin;

    Severity(String label, Duration acknowledgeWithin, Duration resolveWithin) {
        this.label = label;
        this.acknowledgeWithin = acknowledgeWithin;
        this.resolveWithin = resolveWithin;
    }

    public String label() {
        return label;
    }

    public Duration acknowledgeWithin() {
        return acknowledgeWithin;
    }

    /** Empty for P4, which the runbooks never escalate for staying open. */
    public Optional<Duration> resolveWithin() {
        return Optional.ofNullable(resolveWithin);
    }

    /** True when this severity is more urgent than the other. */
    public boolean higherThan(Severity other) {
        return other == null || ordinal() < other.ordinal();
    }

    /**
     * Maps the many spellings seen in the wild onto P1–P4: P1–P4, P0–P3, SEV-1…SEV-4, PagerDuty
     * critical/error/warning/info, Sentry fatal/error/warning/info/debug, and words like high or page.
     */
    public static Optional<Severity> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
        return Optional.ofNullable(switch (s) {
            case "p1", "sev1", "sev0", "p0", "critical", "crit", "fatal", "emergency", "emerg", "alert", "disaster",
                    "page", "urgent", "blocker" -> P1;
            case "p2", "sev2", "high", "error", "err", "major" -> P2;
            case "p3", "sev3", "medium", "moderate", "warning", "warn", "average", "minor" -> P3;
            case "p4", "sev4", "sev5", "p5", "low", "info", "information", "informational", "debug", "notice",
                    "none", "trivial", "cosmetic", "ok" -> P4;
            default -> null;
        });
    }
}
