package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * An Opsgenie REST API v2 on loopback, answering with the fixtures in {@code importer/opsgenie}: users on two pages
 * (offset and {@code paging.next}), one user's contacts answered 429 once, and each schedule's final timeline worked
 * out from its rotations and overrides by Opsgenie's documented rules.
 */
final class FakeOpsgenie implements AutoCloseable {

    static final String KEY = "opsgenie-test-key";
    static final String JO = "e07c63f0-dd8c-4ad4-983e-4ee7dc600463";

    final WireMockServer server;

    FakeOpsgenie() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(Infra.freePort()));
        server.start();
        server.stubFor(auth(get(urlPathEqualTo("/v2/users")).withQueryParam("offset", equalTo("0")))
                .willReturn(ok(file("users-0.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/v2/users")).withQueryParam("offset", equalTo("2")))
                .willReturn(ok(file("users-2.json"))));
        JsonNode users = json("users-0.json");
        List<String> ids = new ArrayList<>();
        users.path("data").forEach(u -> ids.add(u.path("id").asText()));
        json("users-2.json").path("data").forEach(u -> ids.add(u.path("id").asText()));
        for (String id : ids) {
            MappingBuilder contacts = auth(get(urlPathEqualTo("/v2/users/" + id + "/contacts")));
            if (id.equals(JO)) {
                server.stubFor(auth(get(urlPathEqualTo("/v2/users/" + id + "/contacts"))).inScenario("rl")
                        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("slowed down")
                        .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-State", "THROTTLED")
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"message\":\"You are making too many requests!\",\"took\":0.0,"
                                        + "\"requestId\":\"rl\"}")));
                contacts = contacts.inScenario("rl").whenScenarioStateIs("slowed down");
            }
            server.stubFor(contacts.willReturn(ok(file("contacts-" + id + ".json"))));
            JsonNode rules = json("rules-" + id + ".json");
            server.stubFor(auth(get(urlPathEqualTo("/v2/users/" + id + "/notification-rules")))
                    .willReturn(ok(rules.toString())));
            for (JsonNode r : rules.path("data")) {
                String rid = r.path("id").asText();
                server.stubFor(auth(get(urlPathEqualTo("/v2/users/" + id + "/notification-rules/" + rid)))
                        .willReturn(ok(file("rule-" + id + "-" + rid + ".json"))));
            }
        }
        server.stubFor(auth(get(urlPathEqualTo("/v2/teams"))).willReturn(ok(file("teams.json"))));
        for (JsonNode t : json("teams.json").path("data")) {
            String id = t.path("id").asText();
            server.stubFor(auth(get(urlPathEqualTo("/v2/teams/" + id))).willReturn(ok(file("team-" + id + ".json"))));
        }
        JsonNode schedules = json("schedules.json");
        server.stubFor(auth(get(urlPathEqualTo("/v2/schedules"))).withQueryParam("expand", equalTo("rotation"))
                .willReturn(ok(schedules.toString())));
        for (JsonNode s : schedules.path("data")) {
            String id = s.path("id").asText();
            JsonNode overrides = json("overrides-" + id + ".json");
            server.stubFor(auth(get(urlPathEqualTo("/v2/schedules/" + id + "/overrides")))
                    .willReturn(ok(overrides.toString())));
            server.stubFor(auth(get(urlPathEqualTo("/v2/schedules/" + id + "/timeline")))
                    .willReturn(ok(timeline(s, overrides.path("data")).toString())));
        }
        server.stubFor(auth(get(urlPathEqualTo("/v2/escalations"))).willReturn(ok(file("escalations.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/v2/integrations"))).willReturn(ok(file("integrations.json"))));
        server.stubFor(auth(get(urlPathEqualTo("/v2/heartbeats"))).willReturn(ok(file("heartbeats.json"))));
    }

    String url() {
        return server.baseUrl();
    }

    private static MappingBuilder auth(MappingBuilder b) {
        return b.withHeader("Authorization", equalTo("GenieKey " + KEY));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private String file(String name) {
        return SourceFixtures.text("opsgenie/" + name).replace("{{BASE_URL}}", server.baseUrl());
    }

    private JsonNode json(String name) {
        try {
            return SourceFixtures.JSON.readTree(file(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- Opsgenie's final timeline, by its documented rules

    /**
     * An override puts its user on call in place of everyone; otherwise every rotation that is active has its current
     * participant on call (a "none" turn: nobody), within its time restriction; turns start at the rotation's start
     * date and last its length in hours, or days or weeks in the schedule's zone.
     */
    static ObjectNode timeline(JsonNode schedule, JsonNode overrides) {
        ZoneId zone = ZoneId.of(schedule.path("timezone").asText());
        Instant from = SourceFixtures.BASE.minus(1, ChronoUnit.DAYS);
        Instant to = SourceFixtures.BASE.plus(30, ChronoUnit.DAYS);
        List<Rotation> rotations = new ArrayList<>();
        schedule.path("rotations").forEach(r -> rotations.add(new Rotation(r, zone, to)));
        List<SourceFixtures.Stretch> stretches = SourceFixtures.stretches(from, to, t -> {
            for (JsonNode o : overrides) {
                if (!t.isBefore(instant(o.path("startDate"))) && t.isBefore(instant(o.path("endDate")))) {
                    return Set.of(o.path("user").path("id").asText());
                }
            }
            Set<String> who = new TreeSet<>();
            for (Rotation r : rotations) {
                String p = r.onCall(t);
                if (p != null) {
                    who.add(p);
                }
            }
            return who;
        });
        ObjectNode out = SourceFixtures.JSON.createObjectNode();
        ObjectNode data = out.putObject("data");
        data.putObject("_parent").put("id", schedule.path("id").asText()).put("name", schedule.path("name").asText())
                .put("enabled", true);
        data.put("startDate", SourceFixtures.iso(from));
        data.put("endDate", SourceFixtures.iso(to));
        ObjectNode rotation = data.putObject("finalTimeline").putArray("rotations").addObject();
        rotation.put("id", "final").put("name", "Final").put("order", 1);
        ArrayNode periods = rotation.putArray("periods");
        for (SourceFixtures.Stretch s : stretches) {
            ObjectNode p = periods.addObject();
            p.put("startDate", SourceFixtures.iso(s.start()));
            p.put("endDate", SourceFixtures.iso(s.end()));
            p.put("type", "default");
            p.putObject("recipient").put("type", "user").put("id", s.who()).put("name", s.who());
        }
        out.put("took", 0.05).put("requestId", "timeline");
        return out;
    }

    static Instant instant(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : OffsetDateTime.parse(n.asText()).toInstant();
    }

    /** One rotation, its turns laid out in advance. */
    static final class Rotation {
        final JsonNode r;
        final ZoneId zone;
        final Instant start;
        final Instant end;
        final List<Instant> turns = new ArrayList<>();
        final List<String> participants = new ArrayList<>();

        Rotation(JsonNode r, ZoneId zone, Instant until) {
            this.r = r;
            this.zone = zone;
            this.start = instant(r.path("startDate"));
            this.end = instant(r.path("endDate"));
            r.path("participants").forEach(p -> participants.add(p.path("type").asText().equals("user")
                    ? p.path("id").asText() : null));
            int length = r.path("length").asInt(1);
            LocalDateTime local = LocalDateTime.ofInstant(start, zone);
            for (long k = 0;; k++) {
                Instant t = switch (r.path("type").asText()) {
                    case "hourly" -> start.plus(k * length, ChronoUnit.HOURS);
                    case "daily" -> local.plusDays(k * length).atZone(zone).toInstant();
                    default -> local.plusWeeks(k * length).atZone(zone).toInstant();
                };
                turns.add(t);
                if (t.isAfter(until)) {
                    break;
                }
            }
        }

        String onCall(Instant t) {
            if (t.isBefore(start) || (end != null && !t.isBefore(end)) || !restricted(t)) {
                return null;
            }
            int k = Collections.binarySearch(turns, t);
            int index = k >= 0 ? k : -k - 2;
            return participants.get(index % participants.size());
        }

        boolean restricted(Instant t) {
            JsonNode tr = r.path("timeRestriction");
            if (tr.isMissingNode() || tr.isNull()) {
                return true;
            }
            List<JsonNode> windows = new ArrayList<>();
            if (tr.path("type").asText().equals("time-of-day")) {
                windows.add(tr.path("restriction"));
            } else {
                tr.path("restrictions").forEach(windows::add);
            }
            LocalDate today = LocalDate.ofInstant(t, zone);
            for (JsonNode w : windows) {
                int startMinute = w.path("startHour").asInt() * 60 + w.path("startMin").asInt();
                int endMinute = w.path("endHour").asInt() * 60 + w.path("endMin").asInt();
                boolean weekly = w.has("startDay");
                int minutes;
                if (weekly) {
                    int a = (day(w.path("startDay")).getValue() - 1) * 1440 + startMinute;
                    int b = (day(w.path("endDay")).getValue() - 1) * 1440 + endMinute;
                    minutes = Math.floorMod(b - a, 7 * 1440);
                } else {
                    minutes = Math.floorMod(endMinute - startMinute, 1440);
                }
                for (int back = 0; back <= 8; back++) {
                    LocalDate d = today.minusDays(back);
                    if (weekly && d.getDayOfWeek() != day(w.path("startDay"))) {
                        continue;
                    }
                    LocalDateTime s = d.atTime(startMinute / 60, startMinute % 60);
                    if (!t.isBefore(s.atZone(zone).toInstant()) && t.isBefore(s.plusMinutes(minutes).atZone(zone)
                            .toInstant())) {
                        return true;
                    }
                }
            }
            return false;
        }

        static DayOfWeek day(JsonNode name) {
            return DayOfWeek.valueOf(name.asText().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
