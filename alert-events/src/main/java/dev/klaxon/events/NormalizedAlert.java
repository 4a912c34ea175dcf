package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One canonical alert on {@code alerts.normalized}, keyed by {@link #dedupKey()}; one per source alert and status.
 *
 * @param alertId id answered to the sender for this accepted alert
 * @param sourceType grafana, alertmanager, sentry, uptime-kuma, uptimerobot, pingdom, pagerduty, generic, heartbeat
 * @param integrationId the integration the request came through
 * @param service the service the integration targets
 * @param dedupKey stable identity of the source alert, scoped by integration
 * @param severityHint the sender's own severity word, if any, before mapping onto P1–P4
 * @param values numeric values the alert carries (Grafana {@code values}, parsed annotations)
 */
public record NormalizedAlert(String alertId, String sourceType, String integrationId, String service,
        String dedupKey, AlertStatus status, String title, String description, String severityHint,
        Map<String, String> labels, Map<String, String> annotations, List<Link> links, Map<String, Double> values,
        Instant occurredAt, Instant receivedAt) {

    public static final String EVENT_TYPE = "alert.normalized";

    public NormalizedAlert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        links = links == null ? List.of() : List.copyOf(links);
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
