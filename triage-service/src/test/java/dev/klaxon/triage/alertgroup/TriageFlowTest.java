package dev.klaxon.triage.alertgroup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentLifecycle;
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

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_triage"))
class TriageFlowTest {

    static EventEnvelope<NormalizedAlert> alert(String dedupKey, AlertStatus status, String title,
            Map<String, String> labels) {
        // a service per problem, so that storm control never joins this class's incidents together
        NormalizedAlert a = new NormalizedAlert(UUID.randomUUID().toString(), "grafana", "int-1", "svc-" + dedupKey,
                dedupKey, status, title, null, null, labels, Map.of(), List.of(), Map.of(), Instant.now(),
                Instant.now(), null, null);
        return EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest", Instant.now(), a);
    }

    static void send(EventEnvelope<NormalizedAlert> e) {
        TopicProbe.send(Topics.ALERTS_NORMALIZED, "int-1:" + e.payload().dedupKey(), EventJson.write(e));
    }

    static IncidentSignal awaitSignal(TopicProbe probe, String dedupKey, IncidentSignal.Action action) {
        ConsumerRecord<String, String> r = probe.await(rec -> {
            IncidentSignal s = EventJson.read(rec.value(), IncidentSignal.class).payload();
            return s.dedupKey().equals(dedupKey) && s.action() == action;
        }, Duration.ofSeconds(20));
        return EventJson.read(r.value(), IncidentSignal.class).payload();
    }

    static long count(TopicProbe probe, String dedupKey, IncidentSignal.Action action) {
        return probe.drain(Duration.ofSeconds(2)).stream()
                .map(r -> EventJson.read(r.value(), IncidentSignal.class).payload())
                .filter(s -> s.dedupKey().equals(dedupKey) && s.action() == action).count();
    }

    @Test
    void secondAlertWithSameDedupKeyJoinsTheOpenIncidentAndResolutionClosesIt() {
        String key = "db-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(alert(key, AlertStatus.FIRING, "Database unreachable", Map.of()));
            IncidentSignal trigger = awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
            assertEquals(Severity.P1, trigger.severity());
            send(alert(key, AlertStatus.FIRING, "Database unreachable", Map.of()));
            send(alert(key, AlertStatus.RESOLVED, "Database unreachable", Map.of()));
            IncidentSignal resolve = awaitSignal(probe, key, IncidentSignal.Action.RESOLVE);
            assertEquals(trigger.incidentKey(), resolve.incidentKey());
            assertEquals(2, resolve.alertCount());
            assertEquals(1, count(probe, key, IncidentSignal.Action.TRIGGER), "never paged twice");

            send(alert(key, AlertStatus.FIRING, "Database unreachable", Map.of()));
            // a firing alert after resolution opens a new incident
            IncidentSignal reopened = EventJson.read(probe.await(rec -> {
                IncidentSignal s = EventJson.read(rec.value(), IncidentSignal.class).payload();
                return s.dedupKey().equals(key) && s.action() == IncidentSignal.Action.TRIGGER
                        && !s.incidentKey().equals(trigger.incidentKey());
            }, Duration.ofSeconds(20)).value(), IncidentSignal.class).payload();
            assertNotEquals(trigger.incidentKey(), reopened.incidentKey());
        }
    }

    @Test
    void anAcknowledgementAtTheSourceAcknowledgesTheOpenIncidentInTheIntegrationsNameAndARefireIsADuplicate() {
        String key = "pd-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(alert(key, AlertStatus.FIRING, "Disk full", Map.of("severity", "critical")));
            IncidentSignal trigger = awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
            EventEnvelope<NormalizedAlert> ack = alert(key, AlertStatus.ACKNOWLEDGED, "PagerDuty acknowledge of " + key,
                    Map.of());
            send(EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest", Instant.now(), ack.payload().toBuilder()
                    .integrationName("Datadog prod").senderName("PagerDuty Events API").build()));
            IncidentSignal acknowledge = awaitSignal(probe, key, IncidentSignal.Action.ACKNOWLEDGE);
            assertEquals(trigger.incidentKey(), acknowledge.incidentKey());
            assertEquals("Datadog prod", acknowledge.actor());
            assertEquals("PagerDuty Events API", acknowledge.via());
            assertEquals(Severity.P1, acknowledge.severity(), "an acknowledgement does not change the severity");
            send(alert(key, AlertStatus.FIRING, "Disk full", Map.of("severity", "critical")));
            assertEquals(1, count(probe, key, IncidentSignal.Action.TRIGGER), "the same alert again pages nobody");
        }
        String none = "pd-none-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(alert(none, AlertStatus.ACKNOWLEDGED, "PagerDuty acknowledge of " + none, Map.of()));
            assertEquals(0, count(probe, none, IncidentSignal.Action.ACKNOWLEDGE), "nothing open: nothing to ack");
        }
    }

    @Test
    void risingSeverityIsSignalledAndFallingIsNot() {
        String key = "cpu-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(alert(key, AlertStatus.FIRING, "CPU", Map.of("severity", "warning")));
            assertEquals(Severity.P3, awaitSignal(probe, key, IncidentSignal.Action.TRIGGER).severity());
            send(alert(key, AlertStatus.FIRING, "CPU", Map.of("severity", "critical")));
            assertEquals(Severity.P1, awaitSignal(probe, key, IncidentSignal.Action.UPDATE).severity());
            send(alert(key, AlertStatus.FIRING, "CPU", Map.of("severity", "info")));
            assertEquals(1, count(probe, key, IncidentSignal.Action.UPDATE));
        }
    }

    @Test
    void aFloodOfDuplicatesIsCountedExactlyAndPagesOnce() {
        String key = "flood-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            for (int i = 0; i < 40; i++) {
                send(alert(key, AlertStatus.FIRING, "Service degraded", Map.of()));
            }
            send(alert(key, AlertStatus.RESOLVED, "Service degraded", Map.of()));
            IncidentSignal resolve = awaitSignal(probe, key, IncidentSignal.Action.RESOLVE);
            assertEquals(40, resolve.alertCount(), "every duplicate counted, however the batches fell");
            assertEquals(1, count(probe, key, IncidentSignal.Action.TRIGGER));
        }
    }

    @Test
    void aBatchOfThousandsOfDuplicatesIsTriagedInOneGo() {
        String key = "burst-" + UUID.randomUUID();
        List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            records.add(Map.entry("int-1:" + key, EventJson.write(alert(key, AlertStatus.FIRING, "Service degraded",
                    Map.of()))));
        }
        records.add(Map.entry("int-1:" + key, EventJson.write(alert(key, AlertStatus.RESOLVED, "Service degraded",
                Map.of()))));
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            TopicProbe.sendAll(Topics.ALERTS_NORMALIZED, records);
            IncidentSignal resolve = awaitSignal(probe, key, IncidentSignal.Action.RESOLVE);
            assertEquals(3000, resolve.alertCount());
            assertEquals(1, count(probe, key, IncidentSignal.Action.TRIGGER));
        }
    }

    @Test
    void redeliveredAlertOpensOneIncident() {
        String key = "dup-" + UUID.randomUUID();
        EventEnvelope<NormalizedAlert> same = alert(key, AlertStatus.FIRING, "Checkout error rate 12%", Map.of());
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(same);
            send(same);
            assertEquals(Severity.P2, awaitSignal(probe, key, IncidentSignal.Action.TRIGGER).severity());
            assertEquals(1, count(probe, key, IncidentSignal.Action.TRIGGER));
            assertEquals(0, count(probe, key, IncidentSignal.Action.UPDATE));
        }
    }

    @Test
    void anIncidentResolvedByAPersonLetsTheNextAlertOpenANewOne() {
        String key = "manual-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            send(alert(key, AlertStatus.FIRING, "Payments failing", Map.of()));
            IncidentSignal first = awaitSignal(probe, key, IncidentSignal.Action.TRIGGER);
            IncidentLifecycle resolved = new IncidentLifecycle(IncidentLifecycle.Type.RESOLVED, UUID.randomUUID(), 1,
                    first.incidentKey(), "Payments failing", Severity.P1, "checkout", "RESOLVED", "ana", "api",
                    Instant.now(), null);
            TopicProbe.send(Topics.INCIDENTS_LIFECYCLE, resolved.incidentId().toString(), EventJson.write(
                    EventEnvelope.of(resolved.eventType(), "escalation-service", Instant.now(), resolved)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        send(alert(key, AlertStatus.FIRING, "Payments failing", Map.of()));
                        return probe.drain(Duration.ofMillis(500)).stream()
                                .map(r -> EventJson.read(r.value(), IncidentSignal.class).payload())
                                .anyMatch(s -> s.dedupKey().equals(key) && s.action() == IncidentSignal.Action.TRIGGER
                                        && !s.incidentKey().equals(first.incidentKey()));
                    });
        }
    }

    @Test
    void poisonAlertGoesToTheDeadLetterTopicAndTheNextIsTriaged() {
        String key = "after-poison-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.deadLetter(Topics.ALERTS_NORMALIZED), Topics.INCIDENTS_SIGNALS)) {
            TopicProbe.send(Topics.ALERTS_NORMALIZED, key, "{\"eventId\":42}");
            send(alert(key, AlertStatus.FIRING, "Site is down", Map.of()));
            probe.await(r -> r.topic().equals(Topics.deadLetter(Topics.ALERTS_NORMALIZED))
                    && r.value().equals("{\"eventId\":42}"), Duration.ofSeconds(20));
            probe.await(r -> r.topic().equals(Topics.INCIDENTS_SIGNALS) && r.value().contains(key),
                    Duration.ofSeconds(20));
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Database unreachable|P1", "Checkout service is down|P1", "Possible data corruption in orders|P1",
            "Authentication broken for SSO users|P1", "Security breach detected|P1", "Payments failing|P1",
            "Checkout error rate 12%|P2", "p95 latency 7s on checkout|P2", "CPU usage at 97%|P2",
            "Major feature broken: search|P2", "p95 latency 3s on search|P3", "Checkout error rate 4%|P3",
            "Intermittent errors on profile page|P3", "Service degraded in eu-west|P3",
            "Typo on pricing page (cosmetic)|P4", "Informational: certificate renewed|P4" })
    void theDefaultRulesReproduceTheRunbooksSeverityTable(String title, String expected) {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("title", title, "status", "FIRING", "dedupKey", "t", "sourceType", "generic"))
                .post("/api/v1/rules/test").then().statusCode(200).body("severity", equalTo(expected));
    }

    @Test
    void sourceSeverityLabelsMapOntoP1ToP4() {
        for (var c : Map.of("critical", "P1", "warning", "P3", "SEV-2", "P2", "info", "P4").entrySet()) {
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                    .body(Map.of("title", "Something", "status", "FIRING", "dedupKey", "t",
                            "labels", Map.of("severity", c.getKey())))
                    .post("/api/v1/rules/test").then().statusCode(200).body("severity", equalTo(c.getValue()))
                    .body("matchedRule.name", equalTo("Source severity"));
        }
    }

    @Test
    void rulesAreManagedInOrderAndValidated() {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Staging is quiet", "position", 0, "conditions", Map.of("labels",
                        List.of(Map.of("name", "env", "op", "=", "value", "staging"))), "actions",
                        Map.of("suppress", true)))
                .post("/api/v1/rules").then().statusCode(201).body("position", equalTo(0)).extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Database unreachable", "labels", Map.of("env", "staging"), "status", "FIRING",
                        "dedupKey", "x"))
                .post("/api/v1/rules/test").then().body("suppressed", equalTo(true))
                .body("matchedRule.name", equalTo("Staging is quiet"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("position", 99))
                .post("/api/v1/rules/" + id + "/move").then().statusCode(200).body("position", equalTo(10));
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/rules/" + id).then().statusCode(204);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "conditions", Map.of("textMatches", "(oops"), "actions",
                        Map.of("severity", "P1")))
                .post("/api/v1/rules").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("conditions.textMatches"))
                .body("title", containsString("regular expression"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "conditions", Map.of("colour", "red"), "actions", Map.of("severity", "P1")))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("conditions.colour"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "actions", Map.of("severity", "P1"))).post("/api/v1/rules").then()
                .statusCode(403);
        given().get("/api/v1/rules").then().statusCode(401);
    }
}
