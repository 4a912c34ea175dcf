package dev.klaxon.ingest.integration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of sender an integration can be for; the name is the webhook path segment. */
public enum SourceType {
    GRAFANA("grafana"), ALERTMANAGER("alertmanager"), SENTRY("sentry"), UPTIME_KUMA("uptime-kuma"),
    UPTIMEROBOT("uptimerobot"), PINGDOM("pingdom"), BETTER_STACK("betterstack"), PAGERDUTY("pagerduty"),
    GENERIC("generic"),
    HEARTBEAT("heartbeat");

    private final String path;

    SourceType(String path) {
        this.path = path;
    }

    /** The webhook path segment and the {@code sourceType} of canonical alerts. */
    public String path() {
        return path;
    }

    public static Optional<SourceType> fromPath(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.path.equals(v) || t.name().equalsIgnoreCase(v)).findFirst();
    }
}
