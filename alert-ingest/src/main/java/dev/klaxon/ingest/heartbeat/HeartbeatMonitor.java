package dev.klaxon.ingest.heartbeat;

import java.time.Instant;
import java.util.UUID;

/**
 * Expects a ping at least every {@code intervalSeconds}; {@code graceSeconds} later without one it raises an alert
 * for {@code service}, and the next ping resolves it.
 */
public record HeartbeatMonitor(UUID id, String name, String service, String key, int intervalSeconds,
        int graceSeconds, State state, Instant lastPingAt, Instant dueAt, Instant createdAt) {

    /** WAITING for the first ping, UP, or DOWN (alert raised). */
    public enum State {
        WAITING, UP, DOWN
    }

    /** The dedup key of this monitor's alert. */
    public String dedupKey() {
        return "heartbeat:" + id;
    }
}
