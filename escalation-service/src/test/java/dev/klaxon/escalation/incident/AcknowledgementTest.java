package dev.klaxon.escalation.incident;

import static dev.klaxon.escalation.TestApi.awaitPage;
import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.TestApi;
import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
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

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class AcknowledgementTest {

    @Test
    void acknowledgementIsToldToThePagedOnSlackOnlyAndNotToThoseWithoutSlack() {
        String wren = createUser("Wren Slack", "wren@example.com", "+15550100401", "U0WREN");
        String otto = createUser("Otto NoSlack", "otto@example.com", "+15550100402", null);
        String policy = unique("Ack ladder");
        createPolicy(policy, step(60, "USER", wren, "USER", otto));
        String key = "ack-slack-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P1, policy);
            UUID incident = TestApi.awaitIncident(key);
            awaitPage(pages, incident, NotificationKind.TRIGGERED, wren);
            awaitPage(pages, incident, NotificationKind.TRIGGERED, otto);

            given().auth().oauth2(TestTokens.responder()).post("/api/v1/incidents/" + incident + "/acknowledge")
                    .then().statusCode(200);
            NotificationRequested told = awaitPage(pages, incident, NotificationKind.ACKNOWLEDGED, wren);
            assertEquals(List.of(new ContactMethod(ContactType.SLACK, "U0WREN", 0)), told.contactMethods());
            assertEquals(DeterministicIds.of(incident, NotificationKind.ACKNOWLEDGED, UUID.fromString(wren)),
                    told.notificationId());
            assertEquals("ACKNOWLEDGED", told.incident().status());
            assertEquals("test-responder", told.incident().acknowledgedBy());

            // a repeated acknowledgement changes nothing and tells nobody again
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/acknowledge")
                    .then().statusCode(200);
            List<NotificationRequested> acks = TestApi.notificationsFor(pages, incident, Duration.ofSeconds(2))
                    .stream().filter(n -> n.kind() == NotificationKind.ACKNOWLEDGED).toList();
            assertEquals(List.of(wren), acks.stream().map(NotificationRequested::recipientId).toList(),
                    "Otto has no Slack: no SMS or email says 'acknowledged'");

            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
            NotificationRequested resolved = awaitPage(pages, incident, NotificationKind.RESOLVED, otto);
            assertEquals(List.of("SMS", "EMAIL"), resolved.contactMethods().stream().map(m -> m.type().name())
                    .toList(), "the resolution still goes everywhere");
        }
    }
}
