package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.klaxon.testkit.Infra;

/**
 * A Grafana OnCall HTTP API v1 on loopback, answering with the fixtures in {@code importer/grafana-oncall}: users on
 * two pages linked by {@code next}, teams answered 429 once, and each schedule's final shifts (two pages) worked out
 * from its on-call shifts by OnCall's documented rules.
 */
final class FakeGrafanaOnCall implements AutoCloseable {

    static final String TOKEN = "grafana-oncall-test-key";

    final WireMockServer server;

    FakeGrafanaOnCall() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(Infra.freePort()));
        server.start();
        String rl = "teams rate limit";
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/users/")).withQueryParam("page", absent()))
                .willReturn(ok(file("users-1.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/users/")).withQueryParam("page", equalTo("2")))
                .willReturn(ok(file("users-2.json"))));
        for (String u : List.of("UALEX1", "UBO002", "UCY003", "UDI004")) {
            server.stubFor(auth(get(urlPathEqualTo("/api/v1/personal_notification_rules/"))
                    .withQueryParam("user_id", equalTo(u))).willReturn(ok(file("rules-" + u + ".json"))));
        }
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/teams/"))).inScenario(rl)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("slowed down")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"Request was "
                                + "throttled. Expected available in 1 second.\"}")));
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/teams/"))).inScenario(rl).whenScenarioStateIs("slowed down")
                .willReturn(ok(file("teams.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/schedules/"))).willReturn(ok(file("schedules.json"))));
        JsonNode schedules = json("schedules.json");
        for (JsonNode s : schedules.path("results")) {
            String id = s.path("id").asText();
            if (s.path("type").asText().equals("ical")) {
                continue;
            }
            server.stubFor(auth(get(urlPathEqualTo("/api/v1/on_call_shifts/")).withQueryParam("schedule_id",
                    equalTo(id))).willReturn(ok(file("shifts-" + id + ".json"))));
            List<ObjectNode> rows = finalShifts(ZoneId.of(s.path("time_zone").asText()),
                    json("shifts-" + id + ".json").path("results"));
            int half = rows.size() / 2;
            server.stubFor(auth(get(urlPathEqualTo("/api/v1/schedules/" + id + "/final_shifts"))
                    .withQueryParam("page", absent())).willReturn(ok(page(rows.subList(0, half),
                            server.baseUrl() + "/api/v1/schedules/" + id + "/final_shifts?start_date=x&end_date=y"
                                    + "&page=2"))));
            server.stubFor(auth(get(urlPathEqualTo("/api/v1/schedules/" + id + "/final_shifts"))
                    .withQueryParam("page", equalTo("2"))).willReturn(ok(page(rows.subList(half, rows.size()),
                            null))));
        }
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/escalation_chains/"))).willReturn(ok(file("chains.json"))));
        for (String c : List.of("FCH001", "FCH002")) {
            server.stubFor(auth(get(urlPathEqualTo("/api/v1/escalation_policies/"))
                    .withQueryParam("escalation_chain_id", equalTo(c))).willReturn(ok(file("steps-" + c + ".json"))));
        }
        server.stubFor(auth(get(urlPathEqualTo("/api/v1/integrations/"))).willReturn(ok(file("integrations.json"))));
    }

    String url() {
        return server.baseUrl();
    }

    private static MappingBuilder auth(MappingBuilder b) {
        return b.withHeader("Authorization", equalTo(TOKEN));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private String file(String name) {
        return SourceFixtures.text("grafana-oncall/" + name).replace("{{BASE_URL}}", server.baseUrl());
    }

    private JsonNode json(String name) {
        try {
            return SourceFixtures.JSON.readTree(file(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String page(List<ObjectNode> rows, String next) {
        ObjectNode out = SourceFixtures.JSON.createObjectNode();
        out.put("count", rows.size());
        if (next == null) {
            out.putNull("next");
        } else {
            out.put("next", next);
        }
        out.putNull("previous");
        ArrayNode results = out.putArray("results");
        rows.forEach(results::add);
        return out.toString();
    }

    // ---- OnCall's final shifts, by its documented rules

    /**
     * Overrides win; otherwise the events of the highest level covering the instant. A rolling_users shift recurs from
     * its start ({@code frequency}, {@code interval}, on {@code by_day} within weeks starting on {@code week_start})
     * for {@code duration}; each time frame of the recurrence belongs to the next group of {@code rolling_users}.
     */
    static List<ObjectNode> finalShifts(ZoneId zone, JsonNode shifts) {
        Instant from = SourceFixtures.BASE.minus(1, ChronoUnit.DAYS);
        Instant to = SourceFixtures.BASE.plus(30, ChronoUnit.DAYS);
        List<SourceFixtures.Stretch> stretches = SourceFixtures.stretches(from, to, t -> {
            Set<String> overrides = new TreeSet<>();
            TreeMap<Integer, Set<String>> byLevel = new TreeMap<>();
            for (JsonNode s : shifts) {
                LocalDateTime start = LocalDateTime.parse(s.path("start").asText());
                long duration = s.path("duration").asLong();
                if (s.path("type").asText().equals("override")) {
                    Instant a = start.atZone(zone).toInstant();
                    if (!t.isBefore(a) && t.isBefore(a.plusSeconds(duration))) {
                        s.path("users").forEach(u -> overrides.add(u.asText()));
                    }
                    continue;
                }
                List<String> group = group(s, zone, start, duration, t);
                if (group != null) {
                    byLevel.computeIfAbsent(s.path("level").asInt(), k -> new TreeSet<>()).addAll(group);
                }
            }
            if (!overrides.isEmpty()) {
                return overrides;
            }
            return byLevel.isEmpty() ? Set.of() : byLevel.lastEntry().getValue();
        });
        List<ObjectNode> rows = new ArrayList<>();
        for (SourceFixtures.Stretch s : stretches) {
            ObjectNode row = SourceFixtures.JSON.createObjectNode();
            row.put("user_pk", s.who());
            row.put("user_email", s.who().toLowerCase() + "@example.com");
            row.put("user_username", s.who());
            row.put("shift_start", SourceFixtures.iso(s.start()));
            row.put("shift_end", SourceFixtures.iso(s.end()));
            rows.add(row);
        }
        return rows;
    }

    /** The group of a rolling_users shift whose event covers the instant, or null. */
    static List<String> group(JsonNode s, ZoneId zone, LocalDateTime start, long duration, Instant t) {
        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : s.path("rolling_users")) {
            List<String> users = new ArrayList<>();
            g.forEach(u -> users.add(u.asText()));
            groups.add(users);
        }
        String frequency = s.path("frequency").asText();
        int interval = s.path("interval").asInt(1);
        Set<DayOfWeek> byDay = new TreeSet<>();
        s.path("by_day").forEach(d -> byDay.add(day(d.asText())));
        DayOfWeek weekStart = day(s.path("week_start").asText("SU"));
        LocalDate today = LocalDate.ofInstant(t, zone);
        for (int back = 0; back <= 8; back++) {
            LocalDate d = today.minusDays(back);
            if (d.isBefore(start.toLocalDate())) {
                continue;
            }
            long frame;
            if (frequency.equals("daily")) {
                long days = ChronoUnit.DAYS.between(start.toLocalDate(), d);
                if (days % interval != 0) {
                    continue;
                }
                frame = days / interval;
            } else {
                LocalDate w0 = start.toLocalDate().with(TemporalAdjusters.previousOrSame(weekStart));
                LocalDate w = d.with(TemporalAdjusters.previousOrSame(weekStart));
                long weeks = ChronoUnit.WEEKS.between(w0, w);
                if (weeks % interval != 0) {
                    continue;
                }
                if (byDay.isEmpty() ? d.getDayOfWeek() != start.getDayOfWeek() : !byDay.contains(d.getDayOfWeek())) {
                    continue;
                }
                frame = weeks / interval;
            }
            LocalDateTime eventStart = d.atTime(start.toLocalTime());
            Instant a = eventStart.atZone(zone).toInstant();
            Instant b = eventStart.plusSeconds(duration).atZone(zone).toInstant();
            if (!t.isBefore(a) && t.isBefore(b)) {
                int first = s.path("start_rotation_from_user_index").asInt(0);
                return groups.get((int) ((first + frame) % groups.size()));
            }
        }
        return null;
    }

    static DayOfWeek day(String ical) {
        return Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY, "WE", DayOfWeek.WEDNESDAY, "TH",
                DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY, "SU", DayOfWeek.SUNDAY)
                .get(ical);
    }

    @Override
    public void close() {
        server.stop();
    }
}
