package dev.klaxon.importer.klaxon;

import java.util.Map;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.source.Clients;
import dev.klaxon.importer.source.Retrying;

/** Klaxon's two admin APIs the importer writes through, with an admin token, and the retries around them. */
public final class Klaxon {

    private final EscalationApi escalation;
    private final IngestApi ingest;
    private final Retrying http;

    public Klaxon(String escalationUrl, String ingestUrl, String adminToken, ImporterConfig config) {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + adminToken);
        this.escalation = Clients.build(EscalationApi.class, escalationUrl, auth, config);
        this.ingest = Clients.build(IngestApi.class, ingestUrl, auth, config);
        this.http = new Retrying("Klaxon", config.retry());
    }

    public EscalationApi escalation() {
        return escalation;
    }

    public IngestApi ingest() {
        return ingest;
    }

    public Retrying http() {
        return http;
    }

    /** Everything of Klaxon's the plan compares against. */
    public KlaxonState read() {
        return new KlaxonState(http.call("GET /api/v1/users", escalation::users),
                http.call("GET /api/v1/teams", escalation::teams),
                http.call("GET /api/v1/schedules", escalation::schedules),
                http.call("GET /api/v1/escalation-policies", escalation::policies),
                http.call("GET /api/v1/integrations", ingest::integrations));
    }
}
