package dev.klaxon.ingest.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.NormalizedAlert;

/** The canonical alerts a heartbeat monitor raises and resolves. */
final class HeartbeatAlerts {

    static final String SOURCE_TYPE = "heartbeat";

    private HeartbeatAlerts() {
    }

    static NormalizedAlert missed(HeartbeatMonitor m, Instant now) {
        String last = m.lastPingAt() == null ? "never" : m.lastPingAt().toString();
        return alert(m, AlertStatus.FIRING, m.name() + ": heartbeat missed",
                "No ping for " + Duration.between(m.lastPingAt() == null ? m.createdAt() : m.lastPingAt(), now)
                        .toSeconds() + " s (expected every " + m.intervalSeconds() + " s, grace " + m.graceSeconds()
                        + " s); last ping " + last, now);
    }

    static NormalizedAlert recovered(HeartbeatMonitor m, Instant now) {
        return alert(m, AlertStatus.RESOLVED, m.name() + ": heartbeat missed", "Pings resumed at " + now, now);
    }

    private static NormalizedAlert alert(HeartbeatMonitor m, AlertStatus status, String title, String description,
            Instant now) {
        return new NormalizedAlert(UUID.randomUUID().toString(), SOURCE_TYPE, m.id().toString(), m.service(),
                m.dedupKey(), status, title, description, null, Map.of("heartbeat", m.name()), Map.of(), List.of(),
                Map.of(), now, now);
    }
}
