package dev.klaxon.escalation.user;

import static dev.klaxon.escalation.TestApi.awaitIncident;
import static dev.klaxon.escalation.TestApi.awaitPage;
import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.trigger;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
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

/** "SMS at once, email after 2 minutes": a person's notification rules shape every page to them. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class NotificationRulesTest {

    @Test
    void aPageFollowsThePersonsNotificationRules() {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Rita Rules", "email", "rita@example.com", "phone", "+15550100501",
                        "slackUserId", "U0RITA", "webhookUrl", "https://hooks.example/rita", "notificationRules",
                        List.of(Map.of("contactType", "SMS", "delayMinutes", 0),
                                Map.of("contactType", "SLACK", "delayMinutes", 0),
                                Map.of("contactType", "EMAIL", "delayMinutes", 2))))
                .post("/api/v1/users").then().statusCode(201)
                .body("notificationRules[2].delayMinutes", equalTo(2)).extract().path("id");
        String policy = unique("Rules");
        createPolicy(policy, step(600, "USER", id));
        String key = unique("rules-key");
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            trigger(key, Severity.P1, policy);
            UUID incident = awaitIncident(key);
            NotificationRequested page = awaitPage(probe, incident, NotificationKind.TRIGGERED, id);
            assertEquals(List.of(new ContactMethod(ContactType.SMS, "+15550100501", 0),
                    new ContactMethod(ContactType.SLACK, "U0RITA", 0),
                    new ContactMethod(ContactType.EMAIL, "rita@example.com", 120)), page.contactMethods(),
                    "the webhook has no rule, so it is not used");
        }
    }

    @Test
    void aRuleNeedsTheContactItNamesAndASensibleDelay() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "No Phone", "email", "np@example.com", "notificationRules",
                        List.of(Map.of("contactType", "SMS", "delayMinutes", 0))))
                .post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("notificationRules[0].contactType"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Slow", "email", "slow@example.com", "notificationRules",
                        List.of(Map.of("contactType", "EMAIL", "delayMinutes", 5000))))
                .post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("notificationRules[0].delayMinutes"));
    }
}
