package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.klaxon.testkit.Infra;

/**
 * A PagerDuty REST API v2 on loopback, answering with the fixtures in {@code importer/pagerduty}: two pages of users
 * (the first answered 429 once), two pages of schedules, and each schedule's final schedule worked out from its layers
 * and overrides by PagerDuty's documented rules.
 */
final class FakePagerDuty implements AutoCloseable {

    static final String TOKEN = "pd-test-token";

    final WireMockServer server;

    FakePagerDuty() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(Infra.freePort()));
        server.start();
        serve(false);
    }

    String url() {
        return server.baseUrl();
    }

    /** The account as first read, or after its changes ({@code importer/pagerduty-changed} wins where it has a file). */
    void serve(boolean changed) {
        server.resetAll();
        String rl = "users rate limit";
        server.stubFor(auth(get(urlPathEqualTo("/users")).withQueryParam("offset", equalTo("0")))
                .inScenario(rl).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("slowed down")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}")));
        server.stubFor(auth(get(urlPathEqualTo("/users")).withQueryParam("offset", equalTo("0")))
                .inScenario(rl).whenScenarioStateIs("slowed down").willReturn(ok(file(changed, "users-0.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/users")).withQueryParam("offset", equalTo("2")))
                .willReturn(ok(file(changed, "users-2.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/teams"))).willReturn(ok(file(changed, "teams.json"))));
        for (String team : List.of("PT1SRE", "PT2DBA")) {
            server.stubFor(auth(get(urlPathEqualTo("/teams/" + team + "/members")))
                    .willReturn(ok(file(changed, "members-" + team + ".json"))));
        }
        server.stubFor(auth(get(urlPathEqualTo("/schedules")).withQueryParam("offset", equalTo("0")))
                .willReturn(ok(file(changed, "schedules-0.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/schedules")).withQueryParam("offset", equalTo("1")))
                .willReturn(ok(file(changed, "schedules-1.json"))));
        for (String id : List.of("PSCHED1", "PSCHED2")) {
            JsonNode schedule = SourceFixtures.json(folder(changed, "schedule-" + id + ".json"));
            JsonNode overrides = SourceFixtures.json(folder(changed, "overrides-" + id + ".json"));
            ((ObjectNode) schedule.path("schedule")).set("final_schedule", finalSchedule(schedule.path("schedule"),
                    overrides.path("overrides")));
            server.stubFor(auth(get(urlPathEqualTo("/schedules/" + id))).willReturn(ok(schedule.toString())));
            server.stubFor(auth(get(urlPathEqualTo("/schedules/" + id + "/overrides")))
                    .willReturn(ok(overrides.toString())));
        }
        server.stubFor(auth(get(urlPathEqualTo("/escalation_policies")))
                .willReturn(ok(file(changed, "escalation_policies.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/services"))).willReturn(ok(file(changed, "services.json"))));
    }

    private static MappingBuilder auth(MappingBuilder b) {
        return b.withHeader("Authorization", equalTo("Token token=" + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String folder(boolean changed, String name) {
        if (changed && FakePagerDuty.class.getResource("/importer/pagerduty-changed/" + name) != null) {
            return "pagerduty-changed/" + name;
        }
        return "pagerduty/" + name;
    }

    private static String file(boolean changed, String name) {
        return SourceFixtures.text(folder(changed, name));
    }

    // ---- PagerDuty's final schedule, by its documented rules

    /**
     * Overrides win; otherwise the first layer the API lists that is active, inside a restriction window (if it has
     * restrictions), has its user on call: the one whose turn (from the virtual start, every turn length, whole days
     * counted in the schedule's zone) holds the instant.
     */
    static ObjectNode finalSchedule(JsonNode schedule, JsonNode overrides) {
        ZoneId zone = ZoneId.of(schedule.path("time_zone").asText());
        Instant from = SourceFixtures.BASE.minus(1, ChronoUnit.DAYS);
        Instant to = SourceFixtures.BASE.plus(30, ChronoUnit.DAYS);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : schedule.path("schedule_layers")) {
            layers.add(new Layer(l, zone, to));
        }
        List<SourceFixtures.Stretch> stretches = SourceFixtures.stretches(from, to, t -> {
            for (JsonNode o : overrides) {
                if (!t.isBefore(instant(o.path("start"))) && t.isBefore(instant(o.path("end")))) {
                    return Set.of(o.path("user").path("id").asText());
                }
            }
            for (Layer l : layers) {
                String who = l.onCall(t);
                if (who != null) {
                    return Set.of(who);
                }
            }
            return Set.of();
        });
        ObjectNode out = SourceFixtures.JSON.createObjectNode();
        out.put("name", "Final Schedule");
        ArrayNode entries = out.putArray("rendered_schedule_entries");
        for (SourceFixtures.Stretch s : stretches) {
            ObjectNode e = entries.addObject();
            e.put("start", SourceFixtures.iso(s.start()));
            e.put("end", SourceFixtures.iso(s.end()));
            e.putObject("user").put("id", s.who()).put("type", "user_reference").put("summary", s.who());
        }
        return out;
    }

    static Instant instant(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : OffsetDateTime.parse(n.asText()).toInstant();
    }

    /** One schedule layer, its hand-offs laid out in advance. */
    static final class Layer {
        final JsonNode l;
        final ZoneId zone;
        final Instant start;
        final Instant end;
        final List<Instant> handoffs = new ArrayList<>();
        final List<String> users = new ArrayList<>();

        Layer(JsonNode l, ZoneId zone, Instant until) {
            this.l = l;
            this.zone = zone;
            this.start = instant(l.path("start"));
            this.end = instant(l.path("end"));
            l.path("users").forEach(u -> users.add(u.path("user").path("id").asText()));
            long turn = l.path("rotation_turn_length_seconds").asLong();
            Instant virtual = instant(l.path("rotation_virtual_start"));
            LocalDateTime local = LocalDateTime.ofInstant(virtual, zone);
            for (long k = 0;; k++) {
                Instant h = turn % 86400 == 0 ? local.plusDays(k * (turn / 86400)).atZone(zone).toInstant()
                        : virtual.plusSeconds(k * turn);
                handoffs.add(h);
                if (h.isAfter(until)) {
                    break;
                }
            }
        }

        String onCall(Instant t) {
            if (t.isBefore(start) || (end != null && !t.isBefore(end)) || !inRestriction(t)) {
                return null;
            }
            int k = Collections.binarySearch(handoffs, t);
            int index = k >= 0 ? k : -k - 2;
            return index < 0 ? null : users.get(index % users.size());
        }

        boolean inRestriction(Instant t) {
            if (l.path("restrictions").isEmpty()) {
                return true;
            }
            LocalDate today = LocalDate.ofInstant(t, zone);
            for (JsonNode r : l.path("restrictions")) {
                LocalTime at = LocalTime.parse(r.path("start_time_of_day").asText());
                long seconds = r.path("duration_seconds").asLong();
                boolean weekly = r.path("type").asText().startsWith("weekly");
                for (int back = 0; back <= 8; back++) {
                    LocalDate d = today.minusDays(back);
                    if (weekly && d.getDayOfWeek().getValue() != r.path("start_day_of_week").asInt()) {
                        continue;
                    }
                    Instant s = d.atTime(at).atZone(zone).toInstant();
                    Instant e = d.atTime(at).plusSeconds(seconds).atZone(zone).toInstant();
                    if (!t.isBefore(s) && t.isBefore(e)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
