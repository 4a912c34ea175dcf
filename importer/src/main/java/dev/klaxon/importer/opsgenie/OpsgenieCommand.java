package dev.klaxon.importer.opsgenie;

import java.util.concurrent.Callable;

import dev.klaxon.importer.KlaxonOptions;
import dev.klaxon.importer.config.ImporterConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./klaxon import opsgenie --token … [--region eu]}: an Opsgenie account through its REST API v2. */
@Dependent
@Unremovable
@Command(name = "opsgenie", mixinStandardHelpOptions = true,
        description = "Import users, teams, schedules, escalations and integrations from Opsgenie (REST API v2).")
public class OpsgenieCommand implements Callable<Integer> {

    @Option(names = "--token", required = true, defaultValue = "${env:OPSGENIE_API_KEY}",
            description = "An Opsgenie API key (a global key reads everything; env OPSGENIE_API_KEY).")
    String token;

    @Option(names = "--region", defaultValue = "us", description = "us (api.opsgenie.com) or eu (api.eu.opsgenie.com).")
    String region;

    @Option(names = "--url", description = "The API's address, instead of the region's.")
    String url;

    @Mixin
    KlaxonOptions klaxon;

    private final ImporterConfig config;

    public OpsgenieCommand(ImporterConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        String base = url != null && !url.isBlank() ? url : OpsgenieSource.regionUrl(region);
        return klaxon.run(new OpsgenieSource(base, token, config), config);
    }
}
