package dev.klaxon.ingest.heartbeat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

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
class HeartbeatMonitorTest {

    @Test
    void aMissedHeartbeatRaisesAnAlertAndTheNextPingResolvesIt() {
        var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "nightly-backup", "service", "backups", "intervalSeconds", 1, "graceSeconds", 1))
                .post("/api/v1/heartbeats").then().statusCode(201).body("state", equalTo("WAITING"))
                .extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            given().post("/heartbeats/" + key).then().statusCode(200).body("status", equalTo("ok"));
            NormalizedAlert missed = EventJson.read(probe.await(r -> r.value().contains("heartbeat:" + id)
                    && r.value().contains("FIRING"), Duration.ofSeconds(15)).value(), NormalizedAlert.class).payload();
            assertEquals("nightly-backup: heartbeat missed", missed.title());
            assertEquals("backups", missed.service());
            assertEquals("heartbeat", missed.sourceType());
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/heartbeats/" + id).then()
                    .body("state", equalTo("DOWN"));
            given().get("/heartbeats/" + key).then().statusCode(200);
            NormalizedAlert resolved = EventJson.read(probe.await(r -> r.value().contains("heartbeat:" + id)
                    && r.value().contains("RESOLVED"), Duration.ofSeconds(15)).value(), NormalizedAlert.class)
                    .payload();
            assertEquals(AlertStatus.RESOLVED, resolved.status());
            long firing = probe.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> r.value().contains("heartbeat:" + id) && r.value().contains("FIRING")).count();
            assertEquals(1, firing, "one alert per miss, not one per tick");
        }
    }

    @Test
    void aMonitorNeverPingedStaysWaitingAndRaisesNothing() throws InterruptedException {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "never-set-up", "service", "backups", "intervalSeconds", 1, "graceSeconds", 0))
                .post("/api/v1/heartbeats").then().statusCode(201).body("state", equalTo("WAITING"))
                .extract().path("id");
        // many watcher ticks (0.2 s in tests) past interval + grace
        Thread.sleep(3000);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/heartbeats/" + id).then().statusCode(200)
                .body("state", equalTo("WAITING"));
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            assertEquals(0, probe.drain(Duration.ofSeconds(5)).stream()
                    .filter(r -> r.value().contains("heartbeat:" + id)).count(), "no alert before the first ping");
        }
    }

    @Test
    void unknownHeartbeatKeyIsNotFound() {
        given().post("/heartbeats/nope").then().statusCode(404).contentType("application/problem+json");
    }
}
