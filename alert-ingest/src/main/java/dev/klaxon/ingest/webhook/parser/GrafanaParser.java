package dev.klaxon.ingest.webhook.parser;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.Link;
import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/** Grafana unified alerting webhooks ({@code version: "1"}): every link and every numeric value kept. */
@ApplicationScoped
public class GrafanaParser extends PrometheusStyleParser {

    @Override
    public SourceType sourceType() {
        return SourceType.GRAFANA;
    }

    @Override
    protected String sourceName() {
        return "Grafana";
    }

    @Override
    protected void addExtraLinks(List<Link> links, JsonNode a, String path) {
        addLink(links, "dashboard", Payloads.text(a, "dashboardURL", path), "Dashboard");
        addLink(links, "panel", Payloads.text(a, "panelURL", path), "Panel");
        addLink(links, "silence", Payloads.text(a, "silenceURL", path), "Silence");
        addLink(links, "image", Payloads.text(a, "imageURL", path), "Image");
    }

    @Override
    protected Map<String, Double> values(JsonNode alert) {
        return Payloads.numberMap(alert, "values");
    }
}
