package dev.klaxon.escalation.incident;

import static dev.klaxon.escalation.TestApi.awaitIncident;
import static dev.klaxon.escalation.TestApi.awaitPage;
import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
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
import io.restassured.http.ContentType;

/** The incident list's filters and paging, notes, and resolution arriving from a reply channel. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class IncidentApiTest {

    /** The incident keys the list answers for this query, in the list's order. */
    static List<String> keys(String query) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents?" + query).then().statusCode(200)
                .extract().path("incidentKey");
    }

    static Map<String, Object> incident(UUID id) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id).then().statusCode(200)
                .extract().path("");
    }

    static List<Map<String, Object>> timeline(UUID id) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id + "/timeline").then()
                .statusCode(200).extract().path("");
    }

    static void sendCommand(IncidentCommand c, UUID incident) {
        TopicProbe.send(Topics.INCIDENTS_COMMANDS, incident.toString(),
                EventJson.write(EventEnvelope.of(c.eventType(), "notifier-service", Instant.now(), c)));
    }

    @Test
    void theListFiltersByStatusSeverityServiceAssigneeAndTimeAndPagesNewestFirst() {
        String ann = createUser("Ann Filter", "ann@example.com", null, null);
        String bob = createUser("Bob Filter", "bob@example.com", null, null);
        String byAnn = unique("List Ann");
        String byBob = unique("List Bob");
        createPolicy(byAnn, step(600, "USER", ann));
        createPolicy(byBob, step(600, "USER", bob));
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String k1 = "list-1-" + UUID.randomUUID();
        String k2 = "list-2-" + UUID.randomUUID();
        String k3 = "list-3-" + UUID.randomUUID();
        // one after the other, so that their trigger times are in this order
        TestApi.trigger(k1, Severity.P1, byAnn, service);
        UUID i1 = awaitIncident(k1);
        TestApi.trigger(k2, Severity.P2, byBob, service);
        UUID i2 = awaitIncident(k2);
        TestApi.trigger(k3, Severity.P3, byAnn, service);
        UUID i3 = awaitIncident(k3);
        // the assignee filter reads who was paged
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> keys("service=" + service + "&assignee=" + ann)
                .size() == 2);

        given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + i1 + "/acknowledge").then()
                .statusCode(200).body("response.acknowledgeTargetSeconds", equalTo(900))
                .body("response.acknowledgedAfterSeconds", notNullValue())
                .body("response.acknowledgeBreached", equalTo(false))
                .body("response.resolveBreached", nullValue());
        given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + i2 + "/resolve").then()
                .statusCode(200).body("response.resolveTargetSeconds", equalTo(7200))
                .body("response.resolvedAfterSeconds", notNullValue())
                .body("response.resolveBreached", equalTo(false))
                .body("response.acknowledgedAfterSeconds", nullValue())
                .body("response.acknowledgeBreached", equalTo(false));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + i3).then().statusCode(200)
                .body("response.acknowledgeTargetSeconds", equalTo(14400))
                .body("response.resolveTargetSeconds", equalTo(28800))
                .body("response.acknowledgeBreached", nullValue());

        String s = "service=" + service;
        assertEquals(List.of(k3, k2, k1), keys(s));
        assertEquals(List.of(), keys("service=" + service + "-other"));
        assertEquals(List.of(k1), keys(s + "&status=ACKNOWLEDGED"));
        assertEquals(List.of(k2), keys(s + "&status=resolved"));
        assertEquals(List.of(k3), keys(s + "&status=TRIGGERED"));
        assertEquals(List.of(k2), keys(s + "&severity=P2"));
        assertEquals(List.of(k3, k1), keys(s + "&assignee=" + ann));
        assertEquals(List.of(k2), keys(s + "&assignee=" + bob));
        assertEquals(List.of(k1), keys(s + "&assignee=" + ann + "&status=ACKNOWLEDGED&severity=P1"));
        assertEquals(List.of(), keys(s + "&breached=true"));
        assertEquals(List.of(k3, k2, k1), keys(s + "&breached=false"));

        // from is inclusive, to exclusive: exactly the second incident
        String second = (String) incident(i2).get("createdAt");
        String third = (String) incident(i3).get("createdAt");
        assertEquals(List.of(k2), keys(s + "&from=" + second + "&to=" + third));
        assertEquals(List.of(k3, k2), keys(s + "&from=" + second));
        assertEquals(List.of(k2, k1), keys(s + "&to=" + third));

        assertEquals(List.of(k3, k2), keys(s + "&limit=2"));
        assertEquals(List.of(k1), keys(s + "&limit=2&offset=2"));
        assertEquals(List.of(k2, k1), keys(s + "&limit=2&offset=1"));
        assertEquals(List.of(), keys(s + "&offset=3"));

        for (String bad : List.of("status=OPEN", "severity=P9", "from=yesterday", "to=2026-13-01", "limit=0",
                "limit=501", "offset=-1", "breached=maybe")) {
            String param = bad.substring(0, bad.indexOf('='));
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents?" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(param));
        }
        for (UUID open : List.of(i1, i3)) {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + open + "/resolve").then()
                    .statusCode(200);
        }
    }

    @Test
    void aNoteGoesOnTheTimelineWithWhoWroteIt() {
        String nia = createUser("Nia Notes", "nia@example.com", null, null);
        String policy = unique("Notes");
        createPolicy(policy, step(600, "USER", nia));
        String key = "notes-" + UUID.randomUUID();
        TestApi.trigger(key, Severity.P2, policy);
        UUID incident = awaitIncident(key);

        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON)
                .body(Map.of("text", "Rolled back deploy 4711; error rate falling"))
                .post("/api/v1/incidents/" + incident + "/notes").then().statusCode(201);
        List<Map<String, Object>> notes = timeline(incident).stream().filter(e -> "NOTE".equals(e.get("type")))
                .toList();
        assertEquals(1, notes.size());
        assertEquals("Rolled back deploy 4711; error rate falling", notes.get(0).get("message"));
        assertEquals("test-responder", notes.get(0).get("actor"));
        assertEquals("api", notes.get(0).get("via"));
        String postmortem = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident
                + "/postmortem").then().statusCode(200).extract().asString();
        assertTrue(postmortem.contains("| NOTE: Rolled back deploy 4711; error rate falling |"), postmortem);

        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON).body(Map.of("text", " "))
                .post("/api/v1/incidents/" + incident + "/notes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/v1/incidents/" + incident + "/notes").then().statusCode(403);
        given().auth().oauth2(TestTokens.responder()).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/v1/incidents/" + UUID.randomUUID() + "/notes").then().statusCode(404);
        assertEquals(1, timeline(incident).stream().filter(e -> "NOTE".equals(e.get("type"))).count(),
                "a refused note leaves no trace");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                .statusCode(200);
    }

    @Test
    void acknowledgementAndResolutionFromAReplyChannelArriveAsCommandsAndAreTimed() {
        String sid = createUser("Sid Slack", "sid@example.com", null, "U0SID");
        String policy = unique("Commands");
        createPolicy(policy, step(600, "USER", sid));
        String key = "cmd-resolve-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED, Topics.INCIDENTS_LIFECYCLE)) {
            TestApi.trigger(key, Severity.P1, policy);
            UUID incident = awaitIncident(key);
            NotificationRequested page = awaitPage(probe, incident, NotificationKind.TRIGGERED, sid);

            // an SMS reply "ACK 42" knows only the number
            sendCommand(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, null, page.incident().number(),
                    "U0SID", "sms", Instant.now(), null), incident);
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> "ACKNOWLEDGED".equals(incident(incident).get("status")));
            // the Slack button knows the id
            sendCommand(new IncidentCommand(IncidentCommand.Action.RESOLVE, incident, null, "U0SID", "slack",
                    Instant.now(), null), incident);
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> "RESOLVED".equals(incident(incident).get("status")));

            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident).then()
                    .body("resolvedBy", equalTo("U0SID")).body("acknowledgedBy", equalTo("U0SID"))
                    .body("response.acknowledgedAfterSeconds", notNullValue())
                    .body("response.acknowledgeBreached", equalTo(false))
                    .body("response.resolvedAfterSeconds", notNullValue())
                    .body("response.resolveTargetSeconds", equalTo(1800))
                    .body("response.resolveBreached", equalTo(false));
            Map<String, Object> resolved = timeline(incident).stream().filter(e -> "RESOLVED".equals(e.get("type")))
                    .findFirst().orElseThrow();
            assertEquals("U0SID", resolved.get("actor"));
            assertEquals("slack", resolved.get("via"));
            assertEquals("Resolved by U0SID via slack", resolved.get("message"));
            probe.await(r -> r.topic().equals(Topics.INCIDENTS_LIFECYCLE) && r.key().equals(incident.toString())
                    && EventJson.read(r.value(), IncidentLifecycle.class).payload().type()
                            == IncidentLifecycle.Type.RESOLVED, Duration.ofSeconds(10));
            NotificationRequested told = awaitPage(probe, incident, NotificationKind.RESOLVED, sid);
            assertEquals("RESOLVED", told.incident().status());

            // a second resolve (the button pressed twice) changes nothing
            sendCommand(new IncidentCommand(IncidentCommand.Action.RESOLVE, incident, null, "someone-else", "slack",
                    Instant.now(), null), incident);
            List<NotificationRequested> after = TestApi.notificationsFor(probe, incident, Duration.ofSeconds(2));
            assertEquals(1, after.stream().filter(n -> n.kind() == NotificationKind.RESOLVED).count());
            assertEquals("U0SID", incident(incident).get("resolvedBy"));
            assertEquals(1, timeline(incident).stream().filter(e -> "RESOLVED".equals(e.get("type"))).count());
        }
    }

    @Test
    void aSlackAnswerIsPutInTheNameOfThePersonWhoseSlackIdItIsAndFallsBackToTheSlackName() {
        String rita = createUser("Rita Responder", "rita@example.com", "+15550107777", "U0RITA");
        String policy = unique("Slack names");
        createPolicy(policy, step(600, "USER", rita));
        String key = "cmd-slack-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P2, policy);
            UUID incident = awaitIncident(key);
            awaitPage(probe, incident, NotificationKind.TRIGGERED, rita);
            sendCommand(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, incident, null, "rita (Slack U0RITA)",
                    "slack", Instant.now(), new dev.klaxon.events.ContactMethod(dev.klaxon.events.ContactType.SLACK,
                            "U0RITA", 0)), incident);
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> "ACKNOWLEDGED".equals(incident(incident).get("status")));
            assertEquals("Rita Responder", incident(incident).get("acknowledgedBy"));
            Map<String, Object> acked = timeline(incident).stream().filter(e -> "ACKNOWLEDGED".equals(e.get("type")))
                    .findFirst().orElseThrow();
            assertEquals("Rita Responder", acked.get("actor"));
            assertEquals("Acknowledged by Rita Responder via slack; escalation stopped", acked.get("message"));

            // nobody has this Slack id: the name Slack gave is kept
            sendCommand(new IncidentCommand(IncidentCommand.Action.RESOLVE, incident, null, "guest (Slack U0GUEST)",
                    "slack", Instant.now(), new dev.klaxon.events.ContactMethod(dev.klaxon.events.ContactType.SLACK,
                            "U0GUEST", 0)), incident);
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> "RESOLVED".equals(incident(incident).get("status")));
            assertEquals("guest (Slack U0GUEST)", incident(incident).get("resolvedBy"));
        }
    }

    @Test
    void anAcknowledgeSignalFromTheSourceAcknowledgesInTheIntegrationsNameAndStopsTheEscalation() {
        String una = createUser("Una Oncall", "una@example.com", null, "U0UNA");
        String lee = createUser("Lee Lead", "lee@example.com", null, "U0LEE");
        String policy = unique("Source ack");
        createPolicy(policy, step(2, "USER", una), step(2, "USER", lee));
        String key = "src-ack-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P1, policy);
            UUID incident = awaitIncident(key);
            awaitPage(probe, incident, NotificationKind.TRIGGERED, una);
            dev.klaxon.events.IncidentSignal ack = dev.klaxon.events.IncidentSignal.builder()
                    .action(dev.klaxon.events.IncidentSignal.Action.ACKNOWLEDGE).incidentKey(key).dedupKey(key)
                    .actor("Datadog prod").via("PagerDuty Events API").occurredAt(Instant.now()).build();
            TopicProbe.send(Topics.INCIDENTS_SIGNALS, key, EventJson.write(EventEnvelope.of(ack.eventType(),
                    "triage-service", Instant.now(), ack)));
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> "ACKNOWLEDGED".equals(incident(incident).get("status")));
            assertEquals("Datadog prod", incident(incident).get("acknowledgedBy"));
            assertTrue(timeline(incident).stream().anyMatch(e -> "ACKNOWLEDGED".equals(e.get("type"))
                    && "Acknowledged by Datadog prod via PagerDuty Events API; escalation stopped"
                            .equals(e.get("message"))), "timeline: " + timeline(incident));
            // past the 2 s step: the lead is not paged
            List<NotificationRequested> later = TestApi.notificationsFor(probe, incident, Duration.ofSeconds(4));
            assertTrue(later.stream().noneMatch(n -> lee.equals(n.recipientId())), "the lead is not paged: " + later);
        }
    }
}
