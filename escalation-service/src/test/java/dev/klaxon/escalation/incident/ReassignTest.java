package dev.klaxon.escalation.incident;

import static dev.klaxon.escalation.TestApi.awaitNotification;
import static dev.klaxon.escalation.TestApi.awaitPage;
import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.TestApi;
import dev.klaxon.events.DeterministicIds;
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
class ReassignTest {

    static io.restassured.response.ValidatableResponse reassign(String token, UUID incident, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + incident + "/reassign").then();
    }

    static List<Map<String, Object>> timeline(UUID incident) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident + "/timeline").then()
                .statusCode(200).extract().path("");
    }

    @Test
    void reassigningToPeoplePagesThemNowAndEveryReassignmentIsANewNotification() {
        String anchor = createUser("Rae Anchor", null, null, "U0RAE");
        String ben = createUser("Ben Backup", "ben@example.com", "+15550100301", "U0BENB");
        String cat = createUser("Cat Backup", "cat@example.com", null, null);
        String policy = unique("Reassign people");
        createPolicy(policy, step(60, "USER", anchor));
        String key = "reassign-users-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P2, policy);
            UUID incident = TestApi.awaitIncident(key);
            awaitPage(pages, incident, NotificationKind.TRIGGERED, anchor);
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/acknowledge")
                    .then().statusCode(200);

            reassign(TestTokens.responder(), incident, Map.of("userIds", List.of(ben, cat))).statusCode(200)
                    .body("status", equalTo("TRIGGERED")).body("reassignCount", equalTo(1))
                    .body("acknowledgedBy", equalTo(null));
            NotificationRequested toBen = awaitPage(pages, incident, NotificationKind.TRIGGERED, ben);
            NotificationRequested toCat = awaitPage(pages, incident, NotificationKind.TRIGGERED, cat);
            assertEquals(DeterministicIds.of(incident, "reassign", 1, UUID.fromString(ben)), toBen.notificationId());
            assertEquals("TRIGGERED", toBen.incident().status());
            assertEquals(List.of("EMAIL"), toCat.contactMethods().stream().map(m -> m.type().name()).toList());

            reassign(TestTokens.admin(), incident, Map.of("userIds", List.of(ben))).statusCode(200)
                    .body("reassignCount", equalTo(2));
            NotificationRequested again = awaitNotification(pages, n -> n.incident().incidentId().equals(incident)
                    && ben.equals(n.recipientId()) && !n.notificationId().equals(toBen.notificationId()));
            assertEquals(DeterministicIds.of(incident, "reassign", 2, UUID.fromString(ben)), again.notificationId());

            List<Map<String, Object>> entries = timeline(incident);
            List<Map<String, Object>> reassigned = entries.stream()
                    .filter(e -> "REASSIGNED".equals(e.get("type"))).toList();
            assertEquals(2, reassigned.size());
            assertEquals("test-responder", reassigned.get(0).get("actor"));
            assertEquals("api", reassigned.get(0).get("via"));
            assertEquals("Reassigned to Ben Backup, Cat Backup by test-responder via api",
                    reassigned.get(0).get("message"));
            assertTrue(entries.stream().anyMatch(e -> "NOTIFIED".equals(e.get("type")) && cat.equals(e.get("userId"))),
                    "the reassigned are on the timeline as paged, so they hear of the acknowledgement and resolution");

            // acknowledgeable again, by the new assignee
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/acknowledge")
                    .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
            reassign(TestTokens.admin(), incident, Map.of("userIds", List.of(ben))).statusCode(409)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void reassigningToAPolicyRestartsItsLadderAtTheFirstStepWithItsTimer() {
        String anchor = createUser("Sam Anchor", null, null, "U0SAM");
        String xena = createUser("Xena First", null, null, "U0XENA");
        String yuri = createUser("Yuri Second", null, null, "U0YURI");
        String from = unique("Reassign from");
        createPolicy(from, step(60, "USER", anchor), step(60, "USER", yuri));
        String toName = unique("Reassign to");
        String to = createPolicy(toName, step(2, "USER", xena), step(60, "USER", yuri));
        String key = "reassign-policy-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P1, from);
            UUID incident = TestApi.awaitIncident(key);
            awaitPage(pages, incident, NotificationKind.TRIGGERED, anchor);
            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/escalate")
                    .then().statusCode(200).body("step", equalTo(1));
            NotificationRequested firstToYuri = awaitPage(pages, incident, NotificationKind.ESCALATED, yuri);

            reassign(TestTokens.responder(), incident, Map.of("escalationPolicyId", to)).statusCode(200)
                    .body("policyId", equalTo(to)).body("step", equalTo(0)).body("cycle", equalTo(0))
                    .body("status", equalTo("TRIGGERED"));
            NotificationRequested toXena = awaitPage(pages, incident, NotificationKind.TRIGGERED, xena);
            // the new policy's own timer walks it: Yuri is paged again at its second step, as a new notification
            NotificationRequested secondToYuri = awaitNotification(pages, n -> n.incident().incidentId()
                    .equals(incident) && yuri.equals(n.recipientId()) && n.kind() == NotificationKind.ESCALATED
                    && !n.notificationId().equals(firstToYuri.notificationId()));
            assertNotEquals(firstToYuri.notificationId(), secondToYuri.notificationId());
            assertTrue(!secondToYuri.requestedAt().isBefore(toXena.requestedAt().plusSeconds(2)),
                    "the second step is paged only once the new policy's first step timed out");
            assertTrue(timeline(incident).stream().anyMatch(e -> "REASSIGNED".equals(e.get("type"))
                    && ("Reassigned to escalation policy " + toName + " by test-responder via api")
                            .equals(e.get("message"))));
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
        }
    }

    @Test
    void aReassignmentNamesExactlyOneKindOfTargetThatExists() {
        String anchor = createUser("Tom Anchor", null, null, "U0TOM");
        String policy = unique("Reassign checks");
        String policyId = createPolicy(policy, step(60, "USER", anchor));
        String key = "reassign-checks-" + UUID.randomUUID();
        TestApi.trigger(key, Severity.P3, policy);
        UUID incident = TestApi.awaitIncident(key);

        reassign(TestTokens.admin(), incident, Map.of("userIds", List.of(anchor), "escalationPolicyId", policyId))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("escalationPolicyId"));
        reassign(TestTokens.admin(), incident, Map.of()).statusCode(400).body("errors[0].field", equalTo("userIds"));
        reassign(TestTokens.admin(), incident, Map.of("userIds", List.of())).statusCode(400)
                .body("errors[0].field", equalTo("userIds"));
        reassign(TestTokens.admin(), incident, Map.of("userIds", List.of(anchor, UUID.randomUUID().toString())))
                .statusCode(400).body("errors[0].field", equalTo("userIds[1]"));
        reassign(TestTokens.admin(), incident, Map.of("escalationPolicyId", UUID.randomUUID().toString()))
                .statusCode(400).body("errors[0].field", equalTo("escalationPolicyId"));
        reassign(TestTokens.admin(), incident, Map.of("userIds", List.of(anchor), "note", "x")).statusCode(400)
                .body("errors[0].field", equalTo("note"));
        reassign(TestTokens.viewer(), incident, Map.of("userIds", List.of(anchor))).statusCode(403);
        reassign(TestTokens.admin(), UUID.randomUUID(), Map.of("userIds", List.of(anchor))).statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/incidents/" + incident).then()
                .body("reassignCount", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                .statusCode(200);
    }
}
