package dev.klaxon.ingest.webhook.parser;

import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus Alertmanager webhooks ({@code version: "4"}). */
@ApplicationScoped
public class AlertmanagerParser extends PrometheusStyleParser {

    @Override
    public SourceType sourceType() {
        return SourceType.ALERTMANAGER;
    }

    @Override
    protected String sourceName() {
        return "Alertmanager";
    }
}
