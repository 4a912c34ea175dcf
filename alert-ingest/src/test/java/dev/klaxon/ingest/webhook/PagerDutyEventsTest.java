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
}
