package dev.klaxon.importer.grafana;

import java.util.concurrent.Callable;

import dev.klaxon.importer.KlaxonOptions;
import dev.klaxon.importer.config.ImporterConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./klaxon import grafana-oncall --url … --token …}: a Grafana OnCall organisation through its HTTP API v1. */
@Dependent
@Unremovable
@Command(name = "grafana-oncall", mixinStandardHelpOptions = true,
        description = "Import users, teams, schedules, escalation chains and integrations from Grafana OnCall "
                + "(OSS or Cloud, HTTP API v1).")
public class GrafanaOnCallCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, defaultValue = "${env:GRAFANA_ONCALL_URL}",
            description = "The OnCall API URL from OnCall → Settings, e.g. https://oncall-prod-us-central-0.grafana.net"
                    + "/oncall, or http://localhost:8080 for OSS (env GRAFANA_ONCALL_URL).")
    String url;

    @Option(names = "--token", required = true, defaultValue = "${env:GRAFANA_ONCALL_TOKEN}",
            description = "An OnCall API key or a Grafana service account token (env GRAFANA_ONCALL_TOKEN).")
    String token;

    @Option(names = "--grafana-url", defaultValue = "${env:GRAFANA_URL}",
            description = "Your Grafana stack's URL, sent as X-Grafana-URL (needed with service account tokens).")
    String grafanaUrl;

    @Mixin
    KlaxonOptions klaxon;

    private final ImporterConfig config;

    public GrafanaOnCallCommand(ImporterConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        return klaxon.run(new GrafanaOnCallSource(url, token, grafanaUrl, config), config);
    }
}
