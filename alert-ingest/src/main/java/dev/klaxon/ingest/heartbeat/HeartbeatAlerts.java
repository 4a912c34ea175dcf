package dev.klaxon.ingest.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.SourceType;

/** The canonical alerts a heartbeat monitor raises and resolves. */
final class HeartbeatAlerts {

    static final String SOURCE_TYPE = SourceType.HEARTBEAT.path();

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
        return NormalizedAlert.builder().alertId(UUID.randomUUID().toString()).sourceType(SOURCE_TYPE)
                .integrationId(m.id().toString()).service(m.service()).dedupKey(m.dedupKey()).status(status)
                .title(title).description(description).labels(Map.of("heartbeat", m.name()))
                .integrationName(m.name()).senderName(SourceType.HEARTBEAT.label()).at(now).build();
    }
}
