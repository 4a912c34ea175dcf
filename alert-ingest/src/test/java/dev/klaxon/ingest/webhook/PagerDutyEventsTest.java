package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
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
        value = "klaxon_test_ingest"))
class PagerDutyEventsTest {

    static String routingKey;

    @BeforeEach
    void createIntegrationOnce() {
        if (routingKey == null) {
            routingKey = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "pd", "sourceType", "pagerduty", "service", "payments"))
                    .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        }
    }

    @Test
    void triggerWithoutDedupKeyIsAnsweredLikePagerDutyAndResolveFollows() {
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            String dedupKey = given().contentType(ContentType.JSON).body("""
                    {"routing_key":"%s","event_action":"trigger","payload":{"summary":"Payments API down",
                     "source":"api-1","severity":"critical"}}""".formatted(routingKey))
                    .post("/v2/enqueue").then().statusCode(202).body("status", equalTo("success"))
                    .body("message", equalTo("Event processed")).extract().path("dedup_key");
            given().contentType(ContentType.JSON).body("""
                    {"routing_key":"%s","event_action":"resolve","dedup_key":"%s"}""".formatted(routingKey, dedupKey))
                    .post("/v2/enqueue").then().statusCode(202).body("dedup_key", equalTo(dedupKey));
            NormalizedAlert resolved = EventJson.read(probe.await(r -> r.value().contains(dedupKey)
                    && r.value().contains("RESOLVED"), Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
            assertEquals(AlertStatus.RESOLVED, resolved.status());
            assertEquals("payments", resolved.service());
        }
    }

    @Test
    void invalidEventsGetPagerDutysErrorBody() {
        given().contentType(ContentType.JSON).body("{\"routing_key\":\"" + routingKey
                + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"x\",\"source\":\"y\",\"severity\":\"bad\"}}")
                .post("/v2/enqueue").then().statusCode(400).body("status", equalTo("invalid event"))
                .body("errors", hasItem("payload.severity must be critical, error, warning or info"));
        given().contentType(ContentType.JSON).body("{\"routing_key\":\"nope\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"a\"}").post("/v2/enqueue").then().statusCode(400)
                .body("errors", hasItem("Invalid routing key"));
        given().contentType(ContentType.JSON).body("{oops").post("/v2/enqueue").then().statusCode(400)
                .body("status", equalTo("invalid event"));
    }

    @Test
    void anAcknowledgeGoesOnTheTopicInTheIntegrationsNameUnlessTheIntegrationTurnedThatOff() {
        Map<String, Object> off = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Zabbix", "sourceType", "pagerduty", "service", "payments",
                        "acknowledgeIncidents", false))
                .post("/api/v1/integrations").then().statusCode(201).body("acknowledgeIncidents", equalTo(false))
                .body("reportsAcknowledgements", equalTo(true)).extract().path("");
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            given().contentType(ContentType.JSON).body("""
                    {"routing_key":"%s","event_action":"acknowledge","dedup_key":"ack-on"}""".formatted(routingKey))
                    .post("/v2/enqueue").then().statusCode(202).body("status", equalTo("success"));
            NormalizedAlert ack = EventJson.read(probe.await(r -> r.value().contains("ack-on"), Duration.ofSeconds(20))
                    .value(), NormalizedAlert.class).payload();
            assertEquals(AlertStatus.ACKNOWLEDGED, ack.status());
            assertEquals("pd", ack.integrationName());
            assertEquals("PagerDuty Events API", ack.senderName());

            given().contentType(ContentType.JSON).body("""
                    {"routing_key":"%s","event_action":"acknowledge","dedup_key":"ack-off"}""".formatted(off.get("key")))
                    .post("/v2/enqueue").then().statusCode(202).body("status", equalTo("success"));
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> r.value().contains("ack-off"))
                    .count(), "an acknowledgement the integration does not apply is not put on the topic");
        }
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/integrations/" + off.get("id") + "/requests").then()
                .statusCode(200).body("[0].outcome", org.hamcrest.Matchers.containsString("not applied"));
        // switched back on by an update that names it; an update that does not leaves it as it is
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Zabbix", "service", "payments", "enabled", true))
                .put("/api/v1/integrations/" + off.get("id")).then().statusCode(200)
                .body("acknowledgeIncidents", equalTo(false));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Zabbix", "service", "payments", "enabled", true, "acknowledgeIncidents", true))
                .put("/api/v1/integrations/" + off.get("id")).then().statusCode(200)
                .body("acknowledgeIncidents", equalTo(true));
    }

    @Test
    void anUnknownSourceTypeIsRefusedWithEveryTypeAnIntegrationCanHave() {
        String title = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "sourceType", "nagios", "service", "payments"))
                .post("/api/v1/integrations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sourceType")).extract().path("errors[0].message");
        for (dev.klaxon.ingest.integration.SourceType t : dev.klaxon.ingest.integration.SourceType.forIntegrations()) {
            org.junit.jupiter.api.Assertions.assertTrue(title.contains(t.path()), title + " lists " + t.path());
        }
        org.junit.jupiter.api.Assertions.assertTrue(title.contains("betterstack"), title);
        org.junit.jupiter.api.Assertions.assertFalse(title.contains("heartbeat"), title);
    }
}
