package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One canonical alert on {@code alerts.normalized}, keyed by {@link #dedupKey()}; one per source alert and status.
 * Built with {@link #builder()}.
 *
 * @param alertId id answered to the sender for this accepted alert
 * @param sourceType grafana, alertmanager, sentry, uptime-kuma, uptimerobot, pingdom, betterstack, pagerduty,
 *        generic, heartbeat
 * @param integrationId the integration the request came through
 * @param service the service the integration targets
 * @param dedupKey stable identity of the source alert, scoped by integration
 * @param severityHint the sender's own severity word, if any, before mapping onto P1–P4
 * @param values numeric values the alert carries (Grafana {@code values}, parsed annotations)
 * @param integrationName the integration's name, for timelines ("Datadog prod"); null from old producers
 * @param senderName what the sender is, in words ("PagerDuty Events API", "Grafana"); null from old producers
 */
public record NormalizedAlert(String alertId, String sourceType, String integrationId, String service,
        String dedupKey, AlertStatus status, String title, String description, String severityHint,
        Map<String, String> labels, Map<String, String> annotations, List<Link> links, Map<String, Double> values,
        Instant occurredAt, Instant receivedAt, String integrationName, String senderName) {

    public static final String EVENT_TYPE = "alert.normalized";

    public NormalizedAlert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        links = links == null ? List.of() : List.copyOf(links);
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this alert's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().alertId(alertId).sourceType(sourceType).integrationId(integrationId).service(service)
                .dedupKey(dedupKey).status(status).title(title).description(description).severityHint(severityHint)
                .labels(labels).annotations(annotations).links(links).values(values).occurredAt(occurredAt)
                .receivedAt(receivedAt).integrationName(integrationName).senderName(senderName);
    }

    /** Names every value, so that no alert is built from a row of positional nulls. */
    public static final class Builder {
        private String alertId;
        private String sourceType;
        private String integrationId;
        private String service;
        private String dedupKey;
        private AlertStatus status;
        private String title;
        private String description;
        private String severityHint;
        private Map<String, String> labels;
        private Map<String, String> annotations;
        private List<Link> links;
        private Map<String, Double> values;
        private Instant occurredAt;
        private Instant receivedAt;
        private String integrationName;
        private String senderName;

        private Builder() {
        }

        public Builder alertId(String v) {
            alertId = v;
            return this;
        }

        public Builder sourceType(String v) {
            sourceType = v;
            return this;
        }

        public Builder integrationId(String v) {
            integrationId = v;
            return this;
        }

        public Builder service(String v) {
            service = v;
            return this;
        }

        public Builder dedupKey(String v) {
            dedupKey = v;
            return this;
        }

        public Builder status(AlertStatus v) {
            status = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder severityHint(String v) {
            severityHint = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        public Builder annotations(Map<String, String> v) {
            annotations = v;
            return this;
        }

        public Builder links(List<Link> v) {
            links = v;
            return this;
        }

        public Builder values(Map<String, Double> v) {
            values = v;
            return this;
        }

        public Builder occurredAt(Instant v) {
            occurredAt = v;
            return this;
        }

        public Builder receivedAt(Instant v) {
            receivedAt = v;
            return this;
        }

        /** When it happened and when Klaxon heard of it, the same instant. */
        public Builder at(Instant v) {
            occurredAt = v;
            receivedAt = v;
            return this;
        }

        public Builder integrationName(String v) {
            integrationName = v;
            return this;
        }

        public Builder senderName(String v) {
            senderName = v;
            return this;
        }

        public NormalizedAlert build() {
            return new NormalizedAlert(alertId, sourceType, integrationId, service, dedupKey, status, title,
                    description, severityHint, labels, annotations, links, values, occurredAt, receivedAt,
                    integrationName, senderName);
        }
    }
}
