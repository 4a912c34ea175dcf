package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The per-integration token bucket, with a rate small enough to exceed in a test. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallRate.class)
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class RateLimitTest {

    /** One request every 10 s sustained, three at once. */
    public static class SmallRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("klaxon.ingest.rate-limit.per-second", "0.1", "klaxon.ingest.rate-limit.burst", "3");
        }
    }

    @Test
    void anIntegrationOverItsRateIsToldToRetryLaterWhileAnotherIsNot() {
        String busy = integration("busy");
        String quiet = integration("quiet");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{\"title\":\"Disk full " + i + "\"}")
                    .post("/webhooks/generic/" + busy).then().statusCode(202);
        }
        String retryAfter = given().contentType(ContentType.JSON).body("{\"title\":\"Disk full 4\"}")
                .post("/webhooks/generic/" + busy).then().statusCode(429)
                .contentType("application/problem+json").body("status", equalTo(429))
                .body("title", equalTo("Too many requests for this integration; retry later"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        // the next token comes within 1 / 0.1 s = 10 s
        assertTrue(seconds >= 1 && seconds <= 10, "Retry-After " + retryAfter);
        // refused before the body is read: a malformed body over the rate is a 429 too, not a 400
        given().contentType(ContentType.JSON).body("{oops").post("/webhooks/generic/" + busy).then()
                .statusCode(429);

        given().contentType(ContentType.JSON).body("{\"title\":\"Disk full\"}").post("/webhooks/generic/" + quiet)
                .then().statusCode(202);
    }

    @Test
    void pagerDutyOverTheRateIsA429WithRetryAfterToo() {
        String key = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "pd busy", "sourceType", "pagerduty", "service", "s"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        String body = "{\"routing_key\":\"" + key + "\",\"event_action\":\"resolve\",\"dedup_key\":\"d\"}";
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(body).post("/v2/enqueue").then().statusCode(202);
        }
        String retryAfter = given().contentType(ContentType.JSON).body(body).post("/v2/enqueue").then()
                .statusCode(429).extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1, "Retry-After " + retryAfter);
    }

    private static String integration(String name) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "sourceType", "generic", "service", "s")).post("/api/v1/integrations")
                .then().statusCode(201).extract().path("key");
    }
}
