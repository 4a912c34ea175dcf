package dev.klaxon.events;

/** Kafka topic names shared by every service (ARCHITECTURE.md, "Flow"). */
public final class Topics {
    public static final String ALERTS_NORMALIZED = "alerts.normalized";
    public static final String INCIDENTS_SIGNALS = "incidents.signals";
    public static final String INCIDENTS_LIFECYCLE = "incidents.lifecycle";
    public static final String NOTIFICATIONS_REQUESTED = "notifications.requested";
    public static final String NOTIFICATIONS_STATUS = "notifications.status";
    public static final String INCIDENTS_COMMANDS = "incidents.commands";

    /** Every topic, in pipeline order; the broker runner creates these and their dead-letter twins. */
    public static final java.util.List<String> ALL = java.util.List.of(
            ALERTS_NORMALIZED, INCIDENTS_SIGNALS, INCIDENTS_LIFECYCLE,
            NOTIFICATIONS_REQUESTED, NOTIFICATIONS_STATUS, INCIDENTS_COMMANDS);

    private Topics() {
    }

    /** The dead-letter topic for a topic. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
