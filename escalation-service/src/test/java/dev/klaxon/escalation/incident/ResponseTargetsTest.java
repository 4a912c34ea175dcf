package dev.klaxon.escalation.incident;

import static dev.klaxon.escalation.TestApi.awaitIncident;
import static dev.klaxon.escalation.TestApi.awaitPage;
import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.TestApi;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The severity's response targets: an incident still unresolved past its resolution time (that of the severity it has
 * now, from its trigger) escalates to the next step until the ladder runs out, and every incident records how long
 * acknowledging and resolving took and whether it breached.
 */
@QuarkusTest
@TestProfile(ResponseTargetsTest.ShortTargets.class)
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class ResponseTargetsTest {

    /**
     * Targets short enough to pass within a test: resolve within 4 s for P1, 2 s for P2 and an hour for P3 (far beyond
     * any test); P3 acknowledge within 2 s.
     */
    public static class ShortTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("klaxon.escalation.resolve-within.P1", "4s",
                    "klaxon.escalation.resolve-within.P2", "2s",
                    "klaxon.escalation.resolve-within.P3", "1h",
                    "klaxon.escalation.acknowledge-within.P3", "2s");
        }
    }

    static Map<String, Object> incident(UUID id) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id).then().statusCode(200)
                .extract().path("");
    }

    static List<Map<String, Object>> timeline(UUID id) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id + "/timeline").then()
                .statusCode(200).extract().path("");
    }

    /** The timeline's entry types, without the delivery reports that arrive whenever the notifier gets to them. */
    static List<String> types(UUID id) {
        return timeline(id).stream().map(e -> (String) e.get("type")).filter(t -> !t.startsWith("DELIVER")).toList();
    }

    static long count(UUID id, String type) {
        return types(id).stream().filter(type::equals).count();
    }

    static List<String> keys(String query) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents?" + query).then().statusCode(200)
                .extract().path("incidentKey");
    }

    /** The breach counter on /q/metrics for a service, severity and target; 0 when it has not been counted. */
    static double breaches(String service, String severity, String target) {
        String series = "klaxon_incident_response_breaches_total{service=\"" + service + "\",severity=\"" + severity
                + "\",target=\"" + target + "\"} ";
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length()).split(" ")[0])).findFirst()
                .orElse(0.0);
    }

    @Test
    void anAcknowledgedIncidentStillUnresolvedAfterItsSeveritysTimeEscalatesToTheLead() {
        String onCall = createUser("Uma On-call", null, null, "U0UMA");
        String lead = createUser("Leo Lead", null, null, "U0LEO");
        String policy = unique("Unresolved");
        // step timeouts far beyond the test: only the resolution time can move this incident
        createPolicy(policy, step(600, "USER", onCall), step(600, "USER", lead));
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "unresolved-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED, Topics.INCIDENTS_LIFECYCLE)) {
            TestApi.trigger(key, Severity.P1, policy, service);
            UUID incident = awaitIncident(key);
            awaitPage(probe, incident, NotificationKind.TRIGGERED, onCall);
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/acknowledge")
                    .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                    .body("response.acknowledgeBreached", equalTo(false))
                    .body("response.resolveTargetSeconds", equalTo(4));

            NotificationRequested toLead = awaitPage(probe, incident, NotificationKind.ESCALATED, lead);
            Instant createdAt = Instant.parse((String) incident(incident).get("createdAt"));
            assertTrue(!toLead.requestedAt().isBefore(createdAt.plusSeconds(4)),
                    "the lead is paged only once the 4 s resolution time passed: " + createdAt + " -> "
                            + toLead.requestedAt());
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident).then()
                    .body("status", equalTo("ACKNOWLEDGED")).body("step", equalTo(1))
                    .body("acknowledgedBy", equalTo("test-responder"));

            List<Map<String, Object>> entries = timeline(incident);
            List<String> types = entries.stream().map(e -> (String) e.get("type"))
                    .filter(t -> !t.startsWith("DELIVER")).toList();
            assertEquals(List.of("TRIGGERED", "NOTIFIED", "ACKNOWLEDGED", "ESCALATED", "NOTIFIED"),
                    types.subList(0, 5));
            Map<String, Object> escalated = entries.stream().filter(e -> "ESCALATED".equals(e.get("type")))
                    .findFirst().orElseThrow();
            assertEquals("Unresolved after 4 s (P1)", escalated.get("message"));
            assertEquals("system", escalated.get("actor"));
            assertEquals("timer", escalated.get("via"));
            assertEquals(0, ((Map<?, ?>) escalated.get("detail")).get("fromStep"));
            Map<String, Object> paged = entries.stream().filter(e -> "NOTIFIED".equals(e.get("type"))
                    && lead.equals(e.get("userId"))).findFirst().orElseThrow();
            assertEquals("Paged Leo Lead (step 2)", paged.get("message"));
            probe.await(r -> r.topic().equals(Topics.INCIDENTS_LIFECYCLE) && r.key().equals(incident.toString())
                    && EventJson.read(r.value(), IncidentLifecycle.class).payload().type()
                            == IncidentLifecycle.Type.ESCALATED, Duration.ofSeconds(10));

            // resolved late: a breach of the resolve target, on the incident and in the list
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/resolve")
                    .then().statusCode(200).body("response.resolveBreached", equalTo(true))
                    .body("response.acknowledgeBreached", equalTo(false));
            Number resolvedAfter = (Number) ((Map<?, ?>) incident(incident).get("response"))
                    .get("resolvedAfterSeconds");
            assertTrue(resolvedAfter.longValue() >= 4, "resolved after " + resolvedAfter + " s");
            assertEquals(List.of(key), keys("service=" + service + "&breached=true"));
            assertEquals(1.0, breaches(service, "P1", "resolve"));
            assertEquals(0.0, breaches(service, "P1", "acknowledge"));
        }
    }

    @Test
    void aLateAcknowledgementIsRecordedAsABreachAndTheListFindsIt() throws InterruptedException {
        String ivy = createUser("Ivy On-call", "ivy@example.com", null, null);
        String policy = unique("Breaches");
        createPolicy(policy, step(600, "USER", ivy));
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String late = "late-" + UUID.randomUUID();
        String prompt = "prompt-" + UUID.randomUUID();
        String unacknowledged = "never-acked-" + UUID.randomUUID();
        TestApi.trigger(late, Severity.P3, policy, service);
        UUID lateId = awaitIncident(late);
        TestApi.trigger(unacknowledged, Severity.P3, policy, service);
        UUID unacknowledgedId = awaitIncident(unacknowledged);
        Thread.sleep(2_500); // past the 2 s acknowledge target of both
        TestApi.trigger(prompt, Severity.P3, policy, service);
        UUID promptId = awaitIncident(prompt);

        // late, through a reply channel
        IncidentCommand ack = new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, lateId, null, "ivy@example.com",
                "email", Instant.now(), null);
        TopicProbe.send(Topics.INCIDENTS_COMMANDS, lateId.toString(),
                EventJson.write(EventEnvelope.of(ack.eventType(), "notifier-service", Instant.now(), ack)));
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> "ACKNOWLEDGED".equals(incident(lateId).get("status")));
        given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + promptId + "/acknowledge").then()
                .statusCode(200).body("response.acknowledgeBreached", equalTo(false));
        // nobody acknowledged it before it was resolved, after the acknowledge target had passed
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + unacknowledgedId + "/resolve").then()
                .statusCode(200).body("response.acknowledgedAfterSeconds", equalTo(null))
                .body("response.acknowledgeBreached", equalTo(true))
                .body("response.resolveBreached", equalTo(false));

        Map<?, ?> response = (Map<?, ?>) incident(lateId).get("response");
        assertEquals(2, ((Number) response.get("acknowledgeTargetSeconds")).intValue());
        assertTrue(((Number) response.get("acknowledgedAfterSeconds")).longValue() >= 2, response.toString());
        assertEquals(true, response.get("acknowledgeBreached"));
        assertEquals(null, response.get("resolveBreached"), "not resolved yet, so not judged yet");

        String s = "service=" + service;
        assertEquals(List.of(unacknowledged, late), keys(s + "&breached=true"));
        assertEquals(List.of(prompt), keys(s + "&breached=false"));
        assertEquals(List.of(late), keys(s + "&breached=true&status=ACKNOWLEDGED"));
        assertEquals(2.0, breaches(service, "P3", "acknowledge"), "the late acknowledgement and the one never made");
        for (UUID open : List.of(lateId, promptId)) {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + open + "/resolve").then()
                    .statusCode(200);
        }
    }

    @Test
    void aP3IncidentRaisedToP1EscalatesOnceP1sResolutionTimeHasPassedSinceItOpened() {
        String onCall = createUser("Rae On-call", null, null, "U0RAE");
        String lead = createUser("Lou Lead", null, null, "U0LOU");
        String policy = unique("Raised");
        // step timeouts far beyond the test: only the resolution time can move this incident
        createPolicy(policy, step(600, "USER", onCall), step(600, "USER", lead));
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "raised-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P3, policy, service);
            UUID incident = awaitIncident(key);
            awaitPage(probe, incident, NotificationKind.TRIGGERED, onCall);
            Instant createdAt = Instant.parse((String) incident(incident).get("createdAt"));
            assertEquals(3600, ((Number) ((Map<?, ?>) incident(incident).get("response")).get("resolveTargetSeconds"))
                    .intValue());

            TestApi.raise(key, Severity.P1, policy, service);
            NotificationRequested toLead = awaitPage(probe, incident, NotificationKind.ESCALATED, lead);
            assertTrue(!toLead.requestedAt().isBefore(createdAt.plusSeconds(4))
                    && toLead.requestedAt().isBefore(createdAt.plusSeconds(20)),
                    "the lead is paged once P1's 4 s since the trigger passed, not after P3's hour: " + createdAt
                            + " -> " + toLead.requestedAt());

            List<Map<String, Object>> entries = timeline(incident);
            assertEquals(List.of("TRIGGERED", "NOTIFIED", "ALERT_ADDED", "SEVERITY_RAISED", "ESCALATED", "NOTIFIED"),
                    types(incident).subList(0, 6));
            Map<?, ?> raised = (Map<?, ?>) entries.stream().filter(e -> "SEVERITY_RAISED".equals(e.get("type")))
                    .findFirst().orElseThrow().get("detail");
            assertEquals(createdAt.plusSeconds(4), Instant.parse((String) raised.get("resolveDeadlineAt")),
                    "re-armed from the trigger with P1's resolution time");
            Map<String, Object> escalated = entries.stream().filter(e -> "ESCALATED".equals(e.get("type")))
                    .findFirst().orElseThrow();
            assertEquals("Unresolved after 4 s (P1)", escalated.get("message"));
            assertEquals("timer", escalated.get("via"));
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident).then()
                    .body("severity", equalTo("P1")).body("step", equalTo(1))
                    .body("response.resolveTargetSeconds", equalTo(4));
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
        }
    }

    @Test
    void anExhaustedLadderIsRecordedOnceAndItsResolveTimerStopsUntilAReassignment() throws InterruptedException {
        String onCall = createUser("Ada On-call", null, null, "U0ADA");
        String lead = createUser("Eli Lead", null, null, "U0ELI");
        String policy = unique("Exhausted");
        createPolicy(policy, step(600, "USER", onCall), step(600, "USER", lead));
        String key = "exhausted-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            // P2: unresolved after 2 s escalates to the lead, after 2 s more nobody is left
            TestApi.trigger(key, Severity.P2, policy, "checkout");
            UUID incident = awaitIncident(key);
            awaitPage(probe, incident, NotificationKind.ESCALATED, lead);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> count(incident, "ESCALATION_EXHAUSTED") > 0);
            Map<String, Object> exhausted = incident(incident);
            assertTrue(exhausted.get("exhaustedAt") != null, exhausted.toString());
            assertEquals(null, exhausted.get("resolveDeadlineAt"), "no timer that could only say it again");
            assertEquals(null, exhausted.get("ackDeadlineAt"));

            Thread.sleep(6_500); // three more resolve intervals
            assertEquals(List.of("TRIGGERED", "NOTIFIED", "ESCALATED", "NOTIFIED", "ESCALATION_EXHAUSTED"),
                    types(incident));
            assertEquals(2, TestApi.notificationsFor(probe, incident, Duration.ofMillis(200)).size());

            // a reassignment is a new walk: the resolve timer runs again, and its end is recorded once more
            given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                    .body(Map.of("userIds", List.of(onCall))).post("/api/v1/incidents/" + incident + "/reassign")
                    .then().statusCode(200).body("exhaustedAt", equalTo(null))
                    .body("resolveDeadlineAt", org.hamcrest.Matchers.notNullValue());
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> count(incident, "ESCALATION_EXHAUSTED") == 2);
            Thread.sleep(4_500);
            List<String> types = types(incident);
            assertEquals(List.of("REASSIGNED", "NOTIFIED", "ESCALATION_EXHAUSTED"),
                    types.subList(types.size() - 3, types.size()));
            assertEquals(2, count(incident, "ESCALATION_EXHAUSTED"));
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
        }
    }
}
