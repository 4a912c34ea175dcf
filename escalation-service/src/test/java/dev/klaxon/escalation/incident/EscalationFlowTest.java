package dev.klaxon.escalation.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.IncidentSignal;
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

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class EscalationFlowTest {

    static String olivia;
    static String liam;
    static String chloe;

    @BeforeEach
    void configureTheDefaultLadderOnce() {
        if (olivia != null) {
            return;
        }
        olivia = createUser("Olivia On-call", "+15550100001", "U0ONCALL");
        liam = createUser("Liam Lead", "+15550100002", "U0LEAD");
        chloe = createUser("Chloe CTO", "+15550100003", "U0CTO");
        String monday = LocalDate.now().minusWeeks(1).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                + "T09:00:00";
        String schedule = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Primary", "timeZone", "Europe/London", "rotations", List.of(Map.of(
                        "name", "weekly", "type", "WEEKLY", "shiftLength", 1, "start", monday,
                        "participants", List.of(olivia)))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Default", "isDefault", true, "repeat", 0, "steps", List.of(
                        Map.of("timeoutSeconds", 2, "targets", List.of(Map.of("type", "SCHEDULE", "id", schedule))),
                        Map.of("timeoutSeconds", 2, "targets", List.of(Map.of("type", "USER", "id", liam))),
                        Map.of("timeoutSeconds", 2, "targets", List.of(Map.of("type", "USER", "id", chloe))))))
                .post("/api/v1/escalation-policies").then().statusCode(201);
    }

    static String createUser(String name, String phone, String slack) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", slack.toLowerCase() + "@example.com", "phone", phone,
                        "slackUserId", slack, "timeZone", "Europe/London"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    static EventEnvelope<IncidentSignal> signal(IncidentSignal.Action action, String key, Severity severity) {
        IncidentSignal s = new IncidentSignal(action, key, "DatabaseDown", "Primary unreachable", severity,
                "checkout", null, "fp-" + key, "grafana", 1, List.of(), Map.of(), Instant.now(), null, null);
        return EventEnvelope.of(s.eventType(), "triage-service", Instant.now(), s);
    }

    static void send(EventEnvelope<?> e, String topic, String key) {
        TopicProbe.send(topic, key, EventJson.write(e));
    }

    static NotificationRequested awaitPage(TopicProbe probe, String key, NotificationKind kind, String userId) {
        ConsumerRecord<String, String> r = probe.await(rec -> {
            if (!rec.topic().equals(Topics.NOTIFICATIONS_REQUESTED)) {
                return false;
            }
            NotificationRequested n = EventJson.read(rec.value(), NotificationRequested.class).payload();
            return n.kind() == kind && userId.equals(n.recipientId()) && incidentKey(n).equals(key);
        }, Duration.ofSeconds(20));
        return EventJson.read(r.value(), NotificationRequested.class).payload();
    }

    static String incidentKey(NotificationRequested n) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + n.incident().incidentId())
                .then().extract().path("incidentKey");
    }

    static String incidentIdFor(String key) {
        List<Map<String, Object>> all = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents?limit=500")
                .then().statusCode(200).extract().path("");
        return all.stream().filter(i -> key.equals(i.get("incidentKey"))).map(i -> (String) i.get("id")).findFirst()
                .orElseThrow();
    }

    @Test
    void unacknowledgedIncidentWalksTheLadderOnCallThenLeadThenCto() {
        String key = "ladder-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            send(signal(IncidentSignal.Action.TRIGGER, key, Severity.P1), Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested first = awaitPage(pages, key, NotificationKind.TRIGGERED, olivia);
            assertEquals("Olivia On-call", first.recipientName());
            assertEquals(List.of("SLACK", "SMS", "EMAIL"),
                    first.contactMethods().stream().map(m -> m.type().name()).toList());
            assertEquals(Severity.P1, first.incident().severity());
            NotificationRequested second = awaitPage(pages, key, NotificationKind.ESCALATED, liam);
            NotificationRequested third = awaitPage(pages, key, NotificationKind.ESCALATED, chloe);
            assertTrue(!second.requestedAt().isBefore(first.requestedAt().plusSeconds(2)),
                    "the lead is paged only after the on-call step timed out");
            assertTrue(!third.requestedAt().isBefore(second.requestedAt().plusSeconds(2)));
            // the ladder is exhausted after the CTO: nobody is paged again
            List<ConsumerRecord<String, String>> all = pages.drain(Duration.ofSeconds(3));
            long forThisIncident = all.stream().map(r -> EventJson.read(r.value(), NotificationRequested.class))
                    .filter(e -> e.payload().incident().incidentId().equals(first.incident().incidentId())).count();
            assertEquals(3, forThisIncident);
        }
        String id = incidentIdFor(key);
        List<String> types = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id + "/timeline")
                .then().statusCode(200).extract().path("type");
        assertEquals(List.of("TRIGGERED", "NOTIFIED", "ESCALATED", "NOTIFIED", "ESCALATED", "NOTIFIED",
                "ESCALATION_EXHAUSTED"), types.stream().filter(t -> !t.startsWith("DELIVER")).toList());
    }

    @Test
    void acknowledgementStopsTheEscalationAndSourceResolutionTellsThePaged() {
        String key = "ack-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED, Topics.INCIDENTS_LIFECYCLE)) {
            send(signal(IncidentSignal.Action.TRIGGER, key, Severity.P2), Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested page = awaitPage(pages, key, NotificationKind.TRIGGERED, olivia);
            String id = page.incident().incidentId().toString();
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + id + "/acknowledge").then()
                    .statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("test-responder"));
            // past the step timeout: the lead must not be paged
            List<ConsumerRecord<String, String>> seen = pages.drain(Duration.ofSeconds(4));
            assertTrue(seen.stream().filter(r -> r.topic().equals(Topics.NOTIFICATIONS_REQUESTED))
                    .map(r -> EventJson.read(r.value(), NotificationRequested.class).payload())
                    .noneMatch(n -> n.incident().incidentId().toString().equals(id)
                            && n.kind() == NotificationKind.ESCALATED));

            send(signal(IncidentSignal.Action.RESOLVE, key, null), Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested resolved = awaitPage(pages, key, NotificationKind.RESOLVED, olivia);
            assertEquals("RESOLVED", resolved.incident().status());
            pages.await(r -> r.topic().equals(Topics.INCIDENTS_LIFECYCLE) && r.key().equals(id)
                    && EventJson.read(r.value(), IncidentLifecycle.class).payload().type()
                            == IncidentLifecycle.Type.RESOLVED, Duration.ofSeconds(10));
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id).then()
                    .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("source"));
            String postmortem = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + id
                    + "/postmortem").then().statusCode(200).contentType("text/markdown").extract().asString();
            assertTrue(postmortem.startsWith("# Post-Mortem: DatabaseDown\n"), postmortem);
            assertTrue(postmortem.contains("**Severity:** P2"), postmortem);
            assertTrue(postmortem.contains("acknowledged by test-responder"), postmortem);
            assertTrue(postmortem.contains("| ACKNOWLEDGED: Acknowledged by test-responder via api"), postmortem);
            assertTrue(postmortem.contains("## Root Cause"), postmortem);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("klaxon_incident_time_to_acknowledge_seconds_count{service=\"checkout\","
                    + "severity=\"P2\"}"), "MTTA by severity and service on /q/metrics");
            assertTrue(metrics.contains("klaxon_incident_time_to_resolve_seconds_count{service=\"checkout\","
                    + "severity=\"P2\"}"), "MTTR by severity and service on /q/metrics");
        }
    }

    @Test
    void redeliveredTriggerOpensOneIncidentAndPagesOnce() {
        String key = "dup-" + UUID.randomUUID();
        EventEnvelope<IncidentSignal> trigger = signal(IncidentSignal.Action.TRIGGER, key, Severity.P3);
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            send(trigger, Topics.INCIDENTS_SIGNALS, key);
            send(trigger, Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested page = awaitPage(pages, key, NotificationKind.TRIGGERED, olivia);
            long triggered = pages.drain(Duration.ofSeconds(1)).stream()
                    .map(r -> EventJson.read(r.value(), NotificationRequested.class).payload())
                    .filter(n -> n.incident().incidentId().equals(page.incident().incidentId())
                            && n.kind() == NotificationKind.TRIGGERED)
                    .count();
            assertEquals(1, triggered);
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + page.incident().incidentId()
                    + "/resolve").then().statusCode(200);
        }
    }

    @Test
    void acknowledgementFromAReplyChannelArrivesAsACommand() {
        String key = "cmd-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            send(signal(IncidentSignal.Action.TRIGGER, key, Severity.P1), Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested page = awaitPage(pages, key, NotificationKind.TRIGGERED, olivia);
            IncidentCommand ack = new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, null,
                    page.incident().number(), "+15550100001", "sms", Instant.now(), null);
            send(EventEnvelope.of(ack.eventType(), "notifier-service", Instant.now(), ack), Topics.INCIDENTS_COMMANDS,
                    page.incident().incidentId().toString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "ACKNOWLEDGED".equals(
                    given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + page.incident().incidentId())
                            .then().extract().path("status")));
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + page.incident().incidentId())
                    .then().body("acknowledgedBy", equalTo("+15550100001"));
        }
    }

    @Test
    void poisonSignalGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String key = "after-poison-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.deadLetter(Topics.INCIDENTS_SIGNALS),
                Topics.NOTIFICATIONS_REQUESTED)) {
            TopicProbe.send(Topics.INCIDENTS_SIGNALS, key, "{not json");
            send(signal(IncidentSignal.Action.TRIGGER, key, Severity.P2), Topics.INCIDENTS_SIGNALS, key);
            probe.await(r -> r.topic().equals(Topics.deadLetter(Topics.INCIDENTS_SIGNALS))
                    && r.value().equals("{not json"), Duration.ofSeconds(20));
            awaitPage(probe, key, NotificationKind.TRIGGERED, olivia);
        }
    }

    @Test
    void whenEveryDeliveryToThePersonFailsTheNextStepIsPagedAtOnce() {
        String key = "unreachable-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            send(signal(IncidentSignal.Action.TRIGGER, key, Severity.P1), Topics.INCIDENTS_SIGNALS, key);
            NotificationRequested page = awaitPage(pages, key, NotificationKind.TRIGGERED, olivia);
            for (var method : page.contactMethods()) {
                dev.klaxon.events.NotificationStatus failed = new dev.klaxon.events.NotificationStatus(
                        page.notificationId(), page.incident().incidentId(), olivia, method.type(), method.address(),
                        dev.klaxon.events.NotificationStatus.State.FAILED, null, "provider refused", Instant.now());
                send(EventEnvelope.of(failed.eventType(), "notifier-service", Instant.now(), failed),
                        Topics.NOTIFICATIONS_STATUS, page.incident().incidentId().toString());
            }
            awaitPage(pages, key, NotificationKind.ESCALATED, liam);
            List<String> messages = given().auth().oauth2(TestTokens.viewer())
                    .get("/api/v1/incidents/" + page.incident().incidentId() + "/timeline").then().statusCode(200)
                    .extract().path("message");
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("Every delivery to " + olivia + " failed")),
                    messages.toString());
        }
    }

    @Test
    void invalidPhoneIsABadRequestNamingTheField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "phone", "555-1234")).post("/api/v1/users").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("phone"));
    }

    @Test
    void adminApiNeedsAToken() {
        given().get("/api/v1/incidents").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).post("/api/v1/incidents/" + UUID.randomUUID() + "/acknowledge")
                .then().statusCode(403);
    }

    @Test
    void whoIsOnCallIsAnsweredForAnInstant() {
        List<Map<String, Object>> schedules = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules")
                .then().statusCode(200).extract().path("");
        String id = schedules.stream().filter(s -> "Primary".equals(s.get("name"))).map(s -> (String) s.get("id"))
                .findFirst().orElseThrow();
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + id + "/oncall?at=" + Instant.now())
                .then().statusCode(200).body("users[0].name", equalTo("Olivia On-call"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + id + "/oncall?at=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("at"));
    }
}
