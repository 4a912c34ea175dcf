package dev.klaxon.ingest.integration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of sender an integration can be for: the one place they are listed. The path is the webhook path segment
 * and the {@code sourceType} of canonical alerts; the label is how timelines name the sender.
 */
public enum SourceType {
    GRAFANA("grafana", "Grafana", false),
    ALERTMANAGER("alertmanager", "Prometheus Alertmanager", false),
    SENTRY("sentry", "Sentry", true),
    UPTIME_KUMA("uptime-kuma", "Uptime Kuma", false),
    UPTIMEROBOT("uptimerobot", "UptimeRobot", false),
    PINGDOM("pingdom", "Pingdom", false),
    BETTER_STACK("betterstack", "Better Stack", true),
    PAGERDUTY("pagerduty", "PagerDuty Events API", true),
    GENERIC("generic", "Klaxon generic webhook", true),
    /** Klaxon's own heartbeat monitors; not an integration anyone creates. */
    HEARTBEAT("heartbeat", "heartbeat monitor", false);

    private final String path;
    private final String label;
    private final boolean reportsAcknowledgements;

    SourceType(String path, String label, boolean reportsAcknowledgements) {
        this.path = path;
        this.label = label;
        this.reportsAcknowledgements = reportsAcknowledgements;
    }

    /** The webhook path segment and the {@code sourceType} of canonical alerts. */
    public String path() {
        return path;
    }

    /** The sender in words: "PagerDuty Events API". */
    public String label() {
        return label;
    }

    /**
     * True for senders whose messages can say that someone acknowledged the problem there: PagerDuty Events API
     * {@code acknowledge}, Better Stack {@code acknowledged}, Sentry's archiving an issue, and the generic webhook's
     * {@code "status": "acknowledged"}.
     */
    public boolean reportsAcknowledgements() {
        return reportsAcknowledgements;
    }

    /** The types an integration can be created for, in order. */
    public static List<SourceType> forIntegrations() {
        return Arrays.stream(values()).filter(t -> t != HEARTBEAT).toList();
    }

    /** "grafana, alertmanager, …, generic": what an integration's {@code sourceType} may be. */
    public static String integrationPaths() {
        return forIntegrations().stream().map(SourceType::path).collect(Collectors.joining(", "));
    }

    public static Optional<SourceType> fromPath(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.path.equals(v) || t.name().equalsIgnoreCase(v)).findFirst();
    }
}
