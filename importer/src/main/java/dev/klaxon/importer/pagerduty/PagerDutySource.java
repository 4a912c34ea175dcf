package dev.klaxon.importer.pagerduty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Clients;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Retrying;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Source;

/** Reads a PagerDuty account through its REST API v2, page by page, politely. */
public final class PagerDutySource implements Source {

    private final String url;
    private final PagerDutyApi api;
    private final Retrying http;
    private final int pageSize;

    public PagerDutySource(String url, String token, ImporterConfig config) {
        this.url = url;
        this.api = Clients.build(PagerDutyApi.class, url, Map.of("Authorization", "Token token=" + token,
                "Accept", "application/vnd.pagerduty+json;version=2"), config);
        this.http = new Retrying("PagerDuty", config.retry());
        this.pageSize = Math.min(100, config.pageSize());
    }

    @Override
    public String name() {
        return "PagerDuty";
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
        List<JsonNode> users = all("GET /users", "users",
                offset -> api.users(List.of("contact_methods", "notification_rules"), pageSize, offset));
        List<JsonNode> full = new ArrayList<>();
        for (JsonNode u : users) {
            full.add(withDetails(u));
        }
        List<JsonNode> teams = all("GET /teams", "teams", offset -> api.teams(pageSize, offset));
        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        for (JsonNode t : teams) {
            String id = Json.text(t, "id");
            members.put(id, all("GET /teams/" + id + "/members", "members",
                    offset -> api.teamMembers(id, pageSize, offset)));
        }
        List<JsonNode> schedules = new ArrayList<>();
        Map<String, List<JsonNode>> overrides = new LinkedHashMap<>();
        String since = now.toString();
        String until = now.plus(365, ChronoUnit.DAYS).toString();
        for (JsonNode s : all("GET /schedules", "schedules", offset -> api.schedules(pageSize, offset))) {
            String id = Json.text(s, "id");
            JsonNode detail = http.call("GET /schedules/" + id, () -> api.schedule(id, null, null, null));
            schedules.add(detail.path("schedule"));
            overrides.put(id, Json.list(http.call("GET /schedules/" + id + "/overrides",
                    () -> api.overrides(id, since, until)), "overrides"));
        }
        List<JsonNode> policies = all("GET /escalation_policies", "escalation_policies",
                offset -> api.escalationPolicies(pageSize, offset));
        List<JsonNode> services = all("GET /services", "services",
                offset -> api.services(List.of("integrations"), pageSize, offset));
        return PagerDutyMapper.map(new PagerDutyExport(full, members, teams, schedules, overrides, policies,
                services), now);
    }

    /** A user whose contact methods or rules came back as bare references is read again in full. */
    private JsonNode withDetails(JsonNode user) {
        String id = Json.text(user, "id");
        boolean bare = Json.list(user, "contact_methods").stream().anyMatch(c -> Json.text(c, "address") == null);
        if (!bare && user.has("notification_rules")) {
            return user;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = user.deepCopy();
        if (bare) {
            copy.set("contact_methods", http.call("GET /users/" + id + "/contact_methods",
                    () -> api.contactMethods(id)).path("contact_methods"));
        }
        if (!user.has("notification_rules")) {
            copy.set("notification_rules", http.call("GET /users/" + id + "/notification_rules",
                    () -> api.notificationRules(id, "high")).path("notification_rules"));
        }
        return copy;
    }

    /** Every page of a list: {@code offset} moves on by what each page held while PagerDuty says {@code more}. */
    private List<JsonNode> all(String what, String field, IntFunction<JsonNode> page) {
        List<JsonNode> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            int at = offset;
            JsonNode body = http.call(what + "?offset=" + at, () -> page.apply(at));
            List<JsonNode> items = Json.list(body, field);
            out.addAll(items);
            if (!Json.bool(body, "more", false) || items.isEmpty()) {
                return out;
            }
            offset += items.size();
        }
    }

    /** PagerDuty's final schedule (layers and overrides resolved) over the range. */
    @Override
    public List<SourceShift> onCall(Specs.Schedule schedule, Instant from, Instant to) {
        JsonNode body = http.call("GET /schedules/" + schedule.sourceId() + " (final schedule)",
                () -> api.schedule(schedule.sourceId(), "UTC", from.toString(), to.toString()));
        List<SourceShift> out = new ArrayList<>();
        for (JsonNode e : Json.list(body.path("schedule").path("final_schedule"), "rendered_schedule_entries")) {
            JsonNode user = e.path("user");
            out.add(new SourceShift(PagerDutyMapper.ref("user", Json.text(user, "id")),
                    Json.textOr(user, "summary", Json.text(user, "id")), Json.instant(e, "start"),
                    Json.instant(e, "end")));
        }
        return out;
    }
}
