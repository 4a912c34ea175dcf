package dev.klaxon.importer.grafana;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Clients;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Retrying;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Source;

/** Reads a Grafana OnCall organisation through its HTTP API v1, following each list's {@code next} link. */
public final class GrafanaOnCallSource implements Source {

    private final String url;
    private final GrafanaOnCallApi api;
    private final Retrying http;

    public GrafanaOnCallSource(String url, String token, String grafanaUrl, ImporterConfig config) {
        this.url = url;
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", token);
        if (grafanaUrl != null && !grafanaUrl.isBlank()) {
            headers.put("X-Grafana-URL", grafanaUrl);
        }
        this.api = Clients.build(GrafanaOnCallApi.class, url, headers, config);
        this.http = new Retrying("Grafana OnCall", config.retry());
    }

    @Override
    public String name() {
        return "Grafana OnCall";
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
        List<JsonNode> users = all("GET /api/v1/users/", Map.of(), api::users);
        Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
        for (JsonNode u : users) {
            String id = Json.text(u, "id");
            rules.put(id, all("GET /api/v1/personal_notification_rules/?user_id=" + id, Map.of("user_id", id),
                    api::notificationRules));
        }
        List<JsonNode> teams = all("GET /api/v1/teams/", Map.of(), api::teams);
        List<JsonNode> schedules = all("GET /api/v1/schedules/", Map.of(), api::schedules);
        Map<String, List<JsonNode>> shifts = new LinkedHashMap<>();
        for (JsonNode s : schedules) {
            String id = Json.text(s, "id");
            if (!"ical".equals(Json.text(s, "type"))) {
                shifts.put(id, all("GET /api/v1/on_call_shifts/?schedule_id=" + id, Map.of("schedule_id", id),
                        api::onCallShifts));
            }
        }
        List<JsonNode> chains = all("GET /api/v1/escalation_chains/", Map.of(), api::escalationChains);
        Map<String, List<JsonNode>> steps = new LinkedHashMap<>();
        for (JsonNode c : chains) {
            String id = Json.text(c, "id");
            steps.put(id, all("GET /api/v1/escalation_policies/?escalation_chain_id=" + id,
                    Map.of("escalation_chain_id", id), api::escalationPolicies));
        }
        List<JsonNode> integrations = all("GET /api/v1/integrations/", Map.of(), api::integrations);
        return GrafanaOnCallMapper.map(new GrafanaOnCallExport(users, rules, teams, schedules, shifts, chains, steps,
                integrations), now);
    }

    /**
     * Every page of a list: the query of each answer's {@code next} link is sent again to the same endpoint (so a
     * link can never send the token to another host).
     */
    private List<JsonNode> all(String what, Map<String, String> filters, Function<Map<String, String>, JsonNode> call) {
        List<JsonNode> out = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>(filters);
        for (int page = 1; page < 10_000; page++) {
            Map<String, String> q = Map.copyOf(query);
            JsonNode body = http.call(what + (page > 1 ? " page " + page : ""), () -> call.apply(q));
            out.addAll(Json.list(body, "results"));
            String next = Json.text(body, "next");
            if (next == null || next.isBlank()) {
                return out;
            }
            query = new LinkedHashMap<>(filters);
            query.putAll(queryOf(next));
        }
        return out;
    }

    static Map<String, String> queryOf(String link) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(link).getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** Grafana OnCall's final shifts (rotations and overrides resolved) over the range. */
    @Override
    public List<SourceShift> onCall(Specs.Schedule schedule, Instant from, Instant to) {
        Map<String, String> range = Map.of("start_date", from.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                "end_date", to.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        List<SourceShift> out = new ArrayList<>();
        for (JsonNode s : all("GET /api/v1/schedules/" + schedule.sourceId() + "/final_shifts", range,
                q -> api.finalShifts(schedule.sourceId(), q))) {
            String pk = Json.text(s, "user_pk");
            out.add(new SourceShift(GrafanaOnCallMapper.ref("user", pk), Json.textOr(s, "user_username", pk),
                    Json.instant(s, "shift_start"), Json.instant(s, "shift_end")));
        }
        return out;
    }
}
