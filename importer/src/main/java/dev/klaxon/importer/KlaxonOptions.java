package dev.klaxon.importer;

import java.time.Instant;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.klaxon.Klaxon;
import dev.klaxon.importer.source.Source;
import picocli.CommandLine.Option;

/** The options every source shares: where Klaxon is, its admin token, dry run, and the on-call check. */
public class KlaxonOptions {

    @Option(names = "--dry-run", description = "Print the plan and write nothing.")
    boolean dryRun;

    @Option(names = "--admin-token", defaultValue = "${env:KLAXON_ADMIN_TOKEN}",
            description = "Klaxon admin API token (env KLAXON_ADMIN_TOKEN; ./klaxon token admin prints one).")
    String adminToken;

    @Option(names = "--escalation-url", defaultValue = "${env:KLAXON_ESCALATION_URL:-http://localhost:8083}",
            description = "escalation-service (env KLAXON_ESCALATION_URL, default ${DEFAULT-VALUE}).")
    String escalationUrl;

    @Option(names = "--ingest-url", defaultValue = "${env:KLAXON_INGEST_URL:-http://localhost:8081}",
            description = "alert-ingest (env KLAXON_INGEST_URL, default ${DEFAULT-VALUE}).")
    String ingestUrl;

    @Option(names = "--no-verify", negatable = false,
            description = "Skip the on-call comparison after applying.")
    boolean noVerify;

    @Option(names = "--at", description = "Treat this instant as now: overrides ending after it are imported and "
            + "the on-call check starts there (ISO instant, default: now).")
    Instant at;

    /** Runs the import against the source; the exit code of the command. */
    public int run(Source source, ImporterConfig config) {
        if (adminToken == null || adminToken.isBlank()) {
            System.err.println("klaxon import: an admin token is needed (--admin-token or KLAXON_ADMIN_TOKEN; "
                    + "./klaxon token admin prints one)");
            return 2;
        }
        Klaxon klaxon = new Klaxon(escalationUrl, ingestUrl, adminToken.strip(), config);
        return new ImportRun(source, klaxon, config, System.out).run(dryRun, !noVerify,
                at == null ? Instant.now() : at);
    }
}
