package dev.klaxon.importer.opsgenie;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Clients;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Retrying;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Source;

/** Reads an Opsgenie account through its REST API v2 (US or EU instance), politely. */
public final class OpsgenieSource implements Source {

    private final String url;
    private final OpsgenieApi api;
    private final Retrying http;
    private final int pageSize;
    private final int weeks;

    public OpsgenieSource(String url, String apiKey, ImporterConfig config) {
        this.url = url;
        this.api = Clients.build(OpsgenieApi.class, url, Map.of("Authorization", "GenieKey " + apiKey), config);
        this.http = new Retrying("Opsgenie", config.retry());
        this.pageSize = Math.min(100, config.pageSize());
        this.weeks = (int) Math.max(1, (config.verify().horizon().toDays() + 6) / 7);
    }

    /** The API of the account's instance: api.opsgenie.com, or api.eu.opsgenie.com for EU accounts. */
    public static String regionUrl(String region) {
        return "eu".equalsIgnoreCase(region) ? "https://api.eu.opsgenie.com" : "https://api.opsgenie.com";
    }

    @Override
    public String name() {
        return "Opsgenie";
    }

    @Override
    public String location() {
        return url;
    }

    @Override
    public Retrying http() {
        return http;
    }

    @Override
    public Snapshot read(Instant now) {
        List<JsonNode> users = new ArrayList<>();
        for (int offset = 0;;) {
            int at = offset;
            JsonNode page = http.call("GET /v2/users?offset=" + at, () -> api.users(pageSize, at));
            List<JsonNode> data = Json.list(page, "data");
            users.addAll(data);
            if (data.isEmpty() || Json.text(page.path("paging"), "next") == null) {
                break;
            }
            offset += data.size();
        }
        Map<String, List<JsonNode>> contacts = new LinkedHashMap<>();
        Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
        for (JsonNode u : users) {
            String id = Json.text(u, "id");
            contacts.put(id, Json.list(http.call("GET /v2/users/" + id + "/contacts", () -> api.contacts(id)),
                    "data"));
            List<JsonNode> full = new ArrayList<>();
            for (JsonNode r : Json.list(http.call("GET /v2/users/" + id + "/notification-rules",
                    () -> api.notificationRules(id)), "data")) {
                String rid = Json.text(r, "id");
                full.add(http.call("GET /v2/users/" + id + "/notification-rules/" + rid,
                        () -> api.notificationRule(id, rid)).path("data"));
            }
            rules.put(id, full);
        }
        List<JsonNode> teams = new ArrayList<>();
        for (JsonNode t : Json.list(http.call("GET /v2/teams", api::teams), "data")) {
            String id = Json.text(t, "id");
            teams.add(http.call("GET /v2/teams/" + id, () -> api.team(id, "id")).path("data"));
        }
        List<JsonNode> schedules = Json.list(http.call("GET /v2/schedules?expand=rotation",
                () -> api.schedules("rotation")), "data");
        Map<String, List<JsonNode>> overrides = new LinkedHashMap<>();
        for (JsonNode s : schedules) {
            String id = Json.text(s, "id");
            overrides.put(id, Json.list(http.call("GET /v2/schedules/" + id + "/overrides",
                    () -> api.overrides(id, "id")), "data"));
        }
        List<JsonNode> escalations = Json.list(http.call("GET /v2/escalations", api::escalations), "data");
        List<JsonNode> integrations = Json.list(http.call("GET /v2/integrations", api::integrations), "data");
        JsonNode beats = http.call("GET /v2/heartbeats", api::heartbeats).path("data");
        List<JsonNode> heartbeats = Json.list(beats, "heartbeats");
        return OpsgenieMapper.map(new OpsgenieExport(users, contacts, rules, teams, schedules, overrides, escalations,
                integrations, heartbeats), now);
    }

    /** Opsgenie's final timeline (rotations, overrides and forwardings resolved) over the range. */
    @Override
    public List<SourceShift> onCall(Specs.Schedule schedule, Instant from, Instant to) {
        JsonNode body = http.call("GET /v2/schedules/" + schedule.sourceId() + "/timeline",
                () -> api.timeline(schedule.sourceId(), "id", weeks, "weeks", from.toString()));
        List<SourceShift> out = new ArrayList<>();
        for (JsonNode r : Json.list(body.path("data").path("finalTimeline"), "rotations")) {
            for (JsonNode p : Json.list(r, "periods")) {
                JsonNode who = p.path("recipient");
                if (!"user".equals(Json.text(who, "type"))) {
                    continue; // a "none" turn: nobody on call
                }
                out.add(new SourceShift(OpsgenieMapper.ref("user", Json.text(who, "id")),
                        Json.textOr(who, "name", Json.text(who, "id")), Json.instant(p, "startDate"),
                        Json.instant(p, "endDate")));
            }
        }
        return out;
    }
}
