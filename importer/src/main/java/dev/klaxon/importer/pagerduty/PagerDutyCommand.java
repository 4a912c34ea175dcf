package dev.klaxon.importer.pagerduty;

import java.util.concurrent.Callable;

import dev.klaxon.importer.KlaxonOptions;
import dev.klaxon.importer.config.ImporterConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./klaxon import pagerduty --token …}: a PagerDuty account through its REST API v2. */
@Dependent
@Unremovable
@Command(name = "pagerduty", mixinStandardHelpOptions = true,
        description = "Import users, teams, schedules, escalation policies and Events API v2 integrations from "
                + "PagerDuty (REST API v2, a read-only API key is enough).")
public class PagerDutyCommand implements Callable<Integer> {

    @Option(names = "--token", defaultValue = "${env:PAGERDUTY_TOKEN}", required = true,
            description = "PagerDuty REST API key (env PAGERDUTY_TOKEN).")
    String token;

    @Option(names = "--url", defaultValue = "https://api.pagerduty.com",
            description = "PagerDuty REST API (default ${DEFAULT-VALUE}; https://api.eu.pagerduty.com for EU accounts).")
    String url;

    @Mixin
    KlaxonOptions klaxon;

    private final ImporterConfig config;

    public PagerDutyCommand(ImporterConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        return klaxon.run(new PagerDutySource(url, token, config), config);
    }
}
