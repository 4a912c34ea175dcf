package dev.klaxon.triage.alertgroup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Silences, maintenance windows, groupBy and storm control over the real topic and database. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_triage"))
class SilencesMaintenanceAndStormsTest {

    static void send(String service, String dedupKey, AlertStatus status, String title, Map<String, String> labels) {
        NormalizedAlert a = new NormalizedAlert(UUID.randomUUID().toString(), "alertmanager", "int-2", service,
                dedupKey, status, title, null, null, labels, Map.of(), List.of(), Map.of(), Instant.now(),
                Instant.now(), null, null);
        TopicProbe.send(Topics.ALERTS_NORMALIZED, "int-2:" + dedupKey,
                EventJson.write(EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest", Instant.now(), a)));
    }

    static List<IncidentSignal> signals(TopicProbe probe, String service, Duration wait) {
        return probe.drain(wait).stream().map(r -> EventJson.read(r.value(), IncidentSignal.class).payload())
                .filter(s -> service.equals(s.service())).toList();
    }

    static IncidentSignal awaitSignal(TopicProbe probe, String dedupKey, IncidentSignal.Action action) {
        return EventJson.read(probe.await(r -> {
            IncidentSignal s = EventJson.read(r.value(), IncidentSignal.class).payload();
            return s.dedupKey().equals(dedupKey) && s.action() == action;
        }, Duration.ofSeconds(20)).value(), IncidentSignal.class).payload();
    }

    static void awaitLogged(String dedupKey, int entries) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .auth().oauth2(TestTokens.viewer()).queryParam("dedupKey", dedupKey).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("$").size() >= entries);
    }

    static String createSilence(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/silences").then().statusCode(201).body("state", equalTo("ACTIVE")).extract().path("id");
    }

    @Test
    void aSilencedAlertIsRecordedAsSuppressedAndPagesNobodyUntilTheSilenceIsExpired() {
        String team = "t-" + UUID.randomUUID();
        String key = "silenced-" + UUID.randomUUID();
        String id = createSilence(Map.of("matchers", List.of(Map.of("name", "team", "op", "=", "value", team),
                Map.of("name", "alertname", "op", "=~", "value", "Disk.*")), "duration", "2h",
                "comment", "disk replacement in progress"));
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send("storage", key, AlertStatus.FIRING, "Disk full", Map.of("team", team, "alertname", "DiskFull"));
            awaitLogged(key, 1);
            given().auth().oauth2(TestTokens.viewer()).queryParam("dedupKey", key).get("/api/v1/alerts").then()
                    .body("[0].suppressed", equalTo(true)).body("[0].mutedBy", equalTo("silence " + id))
                    .body("[0].outcome", containsString("disk replacement in progress"));
            given().auth().oauth2(TestTokens.viewer()).queryParam("suppressed", "true").get("/api/v1/alerts").then()
                    .statusCode(200).body("dedupKey", org.hamcrest.Matchers.hasItem(key));
            assertTrue(signals(probe, "storage", Duration.ofSeconds(2)).stream()
                    .noneMatch(s -> s.dedupKey().equals(key)), "a silenced alert pages nobody");

            given().auth().oauth2(TestTokens.responder()).delete("/api/v1/silences/" + id).then().statusCode(204);
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/silences/" + id).then()
                    .body("state", equalTo("EXPIRED"));
            send("storage", key, AlertStatus.FIRING, "Disk full", Map.of("team", team, "alertname", "DiskFull"));
            awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
        }
    }

    @Test
    void aSilenceStopsApplyingWhenItEnds() {
        String key = "short-" + UUID.randomUUID();
        Instant ends = Instant.now().plusSeconds(3);
        createSilence(Map.of("matchers", List.of(Map.of("name", "dedup", "op", "=", "value", key)),
                "endsAt", ends.toString(), "comment", "deploying"));
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send("api", key, AlertStatus.FIRING, "Service degraded", Map.of("dedup", key));
            awaitLogged(key, 1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(ends));
            send("api", key, AlertStatus.FIRING, "Service degraded", Map.of("dedup", key));
            awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("dedupKey", key).get("/api/v1/alerts").then()
                .body("suppressed", equalTo(List.of(false, true)));
    }

    @Test
    void silencesAreValidatedAndNeedARole() {
        var bad = Map.<String, Object>of("matchers", List.of(Map.of("name", "x", "op", "=~", "value", "(oops")),
                "duration", "1h", "comment", "c");
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON).body(bad).post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("matchers[0].value"));
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "x", "op", "=~", "value", ".*")), "duration", "1h",
                        "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors[0].field", equalTo("matchers"));
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "x", "op", "=", "value", "y")), "duration", "1h"))
                .post("/api/v1/silences").then().statusCode(400).body("errors[0].field", equalTo("comment"));
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "x", "op", "=", "value", "y")), "duration", "soon",
                        "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors[0].field", equalTo("duration"));
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "x", "op", "=", "value", "y")), "duration", "1h",
                        "comment", "c", "colour", "red"))
                .post("/api/v1/silences").then().statusCode(400).body("errors[0].field", equalTo("colour"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "x", "op", "=", "value", "y")), "duration", "1h",
                        "comment", "c"))
                .post("/api/v1/silences").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/silences/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).queryParam("state", "sleeping").get("/api/v1/silences").then()
                .statusCode(400).body("errors[0].field", equalTo("state"));
    }

    @Test
    void aMaintenanceWindowMutesItsServiceOnlyAndOnlyWhileItIsOn() {
        String service = "billing-" + UUID.randomUUID();
        String muted = "maint-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("service", service, "endsAt", Instant.now().plusSeconds(3600).toString(),
                        "reason", "database upgrade"))
                .post("/api/v1/maintenance-windows").then().statusCode(201).body("state", equalTo("ACTIVE"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("service", "invoices-" + later, "startsAt", Instant.now().plusSeconds(3600).toString(),
                        "endsAt", Instant.now().plusSeconds(7200).toString(), "reason", "next week's upgrade"))
                .post("/api/v1/maintenance-windows").then().statusCode(201).body("state", equalTo("PENDING"));
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(service, muted, AlertStatus.FIRING, "Database unreachable", Map.of());
            send("other-" + service, other, AlertStatus.FIRING, "Database unreachable", Map.of());
            send("invoices-" + later, later, AlertStatus.FIRING, "Database unreachable", Map.of());
            awaitSignal(probe, other, IncidentSignal.Action.TRIGGER);
            awaitSignal(probe, later, IncidentSignal.Action.TRIGGER);
            awaitLogged(muted, 1);
            given().auth().oauth2(TestTokens.viewer()).queryParam("dedupKey", muted).get("/api/v1/alerts").then()
                    .body("[0].suppressed", equalTo(true)).body("[0].mutedBy", equalTo("maintenance " + id));
            assertTrue(signals(probe, service, Duration.ofSeconds(1)).isEmpty());

            given().auth().oauth2(TestTokens.responder()).delete("/api/v1/maintenance-windows/" + id).then()
                    .statusCode(204);
            send(service, muted, AlertStatus.FIRING, "Database unreachable", Map.of());
            awaitSignal(probe, muted, IncidentSignal.Action.TRIGGER);
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("service", service).get("/api/v1/maintenance-windows")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].state", equalTo("EXPIRED"));
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("service", service, "endsAt", "2020-01-01T00:00:00Z", "reason", "r"))
                .post("/api/v1/maintenance-windows").then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
    }

    @Test
    void aServiceOpeningMoreIncidentsThanTheThresholdGetsOneStormIncident() {
        String service = "storm-" + UUID.randomUUID();
        int threshold = 4; // %test.klaxon.triage.storm.threshold
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            for (int i = 0; i < threshold; i++) {
                send(service, service + "-pod-" + i, AlertStatus.FIRING, "Pod crash looping", Map.of());
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer())
                    .queryParam("service", service).get("/api/v1/alerts").then().extract().jsonPath().getList("$")
                    .size() == threshold);
            for (int i = threshold; i < threshold + 6; i++) {
                send(service, service + "-pod-" + i, AlertStatus.FIRING, "Pod crash looping", Map.of());
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer())
                    .queryParam("service", service).get("/api/v1/alerts").then().extract().jsonPath().getList("$")
                    .size() == threshold + 6);
            List<IncidentSignal> all = signals(probe, service, Duration.ofSeconds(2));
            List<IncidentSignal> triggers = all.stream().filter(s -> s.action() == IncidentSignal.Action.TRIGGER)
                    .toList();
            assertEquals(threshold + 1, triggers.size(), "the threshold's incidents, then one storm: " + all);
            // signals are keyed by incident, so across incidents they arrive in no particular order
            List<IncidentSignal> storms = triggers.stream().filter(t -> t.title().startsWith("Alert storm on "
                    + service)).toList();
            assertEquals(1, storms.size(), "one storm incident: " + triggers);
            IncidentSignal storm = storms.get(0);
            assertEquals("true", storm.labels().get("klaxon_storm"));
            List<IncidentSignal> updates = all.stream().filter(s -> s.incidentKey().equals(storm.incidentKey())
                    && s.action() == IncidentSignal.Action.UPDATE).toList();
            assertEquals(5, updates.size(), "each further alert is added to the storm");
            assertEquals(6, updates.get(updates.size() - 1).alertCount(), "the storm says how many alerts it holds");

            // the storm resolves when every alert in it has
            for (int i = threshold; i < threshold + 6; i++) {
                send(service, service + "-pod-" + i, AlertStatus.RESOLVED, "Pod crash looping", Map.of());
            }
            IncidentSignal resolved = EventJson.read(probe.await(r -> r.value().contains(storm.incidentKey())
                    && r.value().contains("\"RESOLVE\""), Duration.ofSeconds(20)).value(), IncidentSignal.class)
                    .payload();
            assertEquals(storm.incidentKey(), resolved.incidentKey());
        }
    }

    @Test
    void alertsWithTheSameGroupByValuesAreOneIncident() {
        String service = "pods-" + UUID.randomUUID();
        String ruleId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Group pods by cluster", "position", 0, "conditions",
                        Map.of("services", List.of(service)), "actions",
                        Map.of("severity", "P2", "groupBy", List.of("cluster"), "groupWindow", "30m")))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            for (int i = 0; i < 3; i++) {
                send(service, service + "-a-" + i, AlertStatus.FIRING, "Pod not ready", Map.of("cluster", "a",
                        "pod", "p" + i));
            }
            send(service, service + "-b-0", AlertStatus.FIRING, "Pod not ready", Map.of("cluster", "b"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer())
                    .queryParam("service", service).get("/api/v1/alerts").then().extract().jsonPath().getList("$")
                    .size() == 4);
            for (int i = 0; i < 3; i++) {
                send(service, service + "-a-" + i, AlertStatus.RESOLVED, "Pod not ready", Map.of("cluster", "a"));
            }
            IncidentSignal resolved = awaitSignal(probe, service + "-a-2", IncidentSignal.Action.RESOLVE);
            List<IncidentSignal> all = signals(probe, service, Duration.ofSeconds(2));
            List<IncidentSignal> triggers = all.stream().filter(s -> s.action() == IncidentSignal.Action.TRIGGER)
                    .toList();
            assertEquals(2, triggers.size(), "one incident per cluster: " + all);
            assertEquals(1, all.stream().filter(s -> s.action() == IncidentSignal.Action.RESOLVE).count(),
                    "cluster a resolved, cluster b still open");
            assertTrue(triggers.stream().anyMatch(t -> t.incidentKey().equals(resolved.incidentKey())));
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/rules/" + ruleId).then().statusCode(204);
        }
    }

    @Test
    void aBatchRaisingAGroupsSeverityTwiceSignalsTheRaiseOnce() {
        String service = "raise-" + UUID.randomUUID();
        String ruleId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Group " + service + " by cluster", "position", 0, "conditions",
                        Map.of("services", List.of(service)), "actions",
                        Map.of("useSourceSeverity", true, "groupBy", List.of("cluster"))))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            for (int i = 0; i < 2; i++) {
                send(service, service + "-" + i, AlertStatus.FIRING, "Replica lag", Map.of("cluster", "a",
                        "severity", "warning"));
            }
            awaitLogged(service + "-1", 1);
            // both alerts turn critical in one polled batch: what the batch read up front about their group is stale
            // once the first has raised it, so the second is a duplicate, not a second raise
            List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                NormalizedAlert a = new NormalizedAlert(UUID.randomUUID().toString(), "alertmanager", "int-2", service,
                        service + "-" + i, AlertStatus.FIRING, "Replica lag", null, null,
                        Map.of("cluster", "a", "severity", "critical"), Map.of(), List.of(), Map.of(), Instant.now(),
                        Instant.now(), null, null);
                records.add(Map.entry("int-2:" + a.dedupKey(), EventJson.write(EventEnvelope.of(
                        NormalizedAlert.EVENT_TYPE, "alert-ingest", Instant.now(), a))));
            }
            TopicProbe.sendAll(Topics.ALERTS_NORMALIZED, records);
            awaitLogged(service + "-0", 2);
            awaitLogged(service + "-1", 2);
            List<IncidentSignal> all = signals(probe, service, Duration.ofSeconds(2));
            assertEquals(1, all.stream().filter(s -> s.action() == IncidentSignal.Action.TRIGGER).count(), "" + all);
            assertEquals(1, all.stream().filter(s -> s.action() == IncidentSignal.Action.UPDATE
                    && s.severity() == Severity.P1).count(), "raised to P1 once: " + all);
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/rules/" + ruleId).then().statusCode(204);
        }
    }

    @Test
    void withAutoResolveOffAResolvedAlertLeavesTheIncidentToAPerson() {
        String service = "manual-" + UUID.randomUUID();
        String key = service + "-1";
        String ruleId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "People resolve " + service, "position", 0, "conditions",
                        Map.of("services", List.of(service)), "actions", Map.of("severity", "P1", "autoResolve", false)))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(service, key, AlertStatus.FIRING, "Ledger mismatch", Map.of());
            awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
            send(service, key, AlertStatus.RESOLVED, "Ledger mismatch", Map.of());
            awaitLogged(key, 2);
            given().auth().oauth2(TestTokens.viewer()).queryParam("dedupKey", key).get("/api/v1/alerts").then()
                    .body("[0].outcome", containsString("waits for a person"));
            assertTrue(signals(probe, service, Duration.ofSeconds(1)).stream()
                    .noneMatch(s -> s.action() == IncidentSignal.Action.RESOLVE));
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/rules/" + ruleId).then().statusCode(204);
        }
    }
}
