package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class RequestLogAndLimitsTest {

    @Inject
    Pool pool;

    @Test
    void everyRequestIsLoggedWithItsOutcomeAndWithoutSecrets() {
        var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "log", "sourceType", "generic", "service", "s")).post("/api/v1/integrations")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer very-secret")
                .body("{\"title\":\"Disk full\"}").post("/webhooks/generic/" + key).then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"description\":\"no title\"}").post("/webhooks/generic/" + key)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/integrations/" + id + "/requests").then().extract().jsonPath().getList("").size() == 2);
        List<Map<String, Object>> logged = given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/integrations/" + id + "/requests").then().statusCode(200).extract().path("");
        assertEquals(400, logged.get(0).get("status"));
        assertTrue(((String) logged.get(0).get("outcome")).contains("title"));
        assertEquals(202, logged.get(1).get("status"));
        assertEquals("accepted 1 alert(s)", logged.get(1).get("outcome"));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) logged.get(1).get("headers");
        assertEquals("(redacted)", headers.get("authorization"));
        assertTrue(!logged.toString().contains("very-secret"));
    }

    @Test
    void aTooLargeBodyIsRefusedWith413() {
        var key = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "big", "sourceType", "generic", "service", "s")).post("/api/v1/integrations")
                .then().statusCode(201).extract().path("key");
        given().contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(2_000_000) + "\"}")
                .post("/webhooks/generic/" + key).then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("title", equalTo("Request body too large"))
                .body("detail", containsString("1048576 bytes"));
        // the service still answers on a new connection
        given().contentType(ContentType.JSON).body("{\"title\":\"small\"}").post("/webhooks/generic/" + key)
                .then().statusCode(202);
    }

    @Test
    void anAlertTooLargeForKafkaIsA413NotA503ThatWouldBeRetriedForever() {
        String key = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "big alert", "sourceType", "generic", "service", "s"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        // under the body cap, but the title is the dedup key too: the event is twice the title
        given().contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(600_000) + "\"}")
                .post("/webhooks/generic/" + key).then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Alert too large"));
    }

    @Test
    void aTooLargeBodySentInChunksIsRefusedAsAProblemToo() throws Exception {
        String key = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "big chunked", "sourceType", "generic", "service", "s"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        byte[] body = ("{\"title\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // a stream of unknown length is sent chunked, without Content-Length
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/webhooks/generic/" + key)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"status\":413"), response.body());

        // a chunked body under the limit is read as usual
        byte[] small = "{\"title\":\"chunked and small\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(request.uri()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("\"count\":1"), accepted.body());
    }

    @Test
    void aRotatedKeyReplacesTheOldOneAtOnce() {
        var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "rotating", "sourceType", "generic", "service", "s")).post("/api/v1/integrations")
                .then().statusCode(201).extract().jsonPath();
        String oldKey = created.getString("key");
        String id = created.getString("id");
        given().contentType(ContentType.JSON).body("{\"title\":\"before\"}").post("/webhooks/generic/" + oldKey)
                .then().statusCode(202);

        var rotated = given().auth().oauth2(TestTokens.admin()).post("/api/v1/integrations/" + id + "/rotate-key")
                .then().statusCode(200).body("id", equalTo(id)).extract().jsonPath();
        String newKey = rotated.getString("key");
        assertNotEquals(oldKey, newKey);
        assertTrue(newKey.length() >= 40, "the new key is as unguessable as the old one");
        assertTrue(rotated.getString("webhookUrl").endsWith("/webhooks/generic/" + newKey));

        given().contentType(ContentType.JSON).body("{\"title\":\"after\"}").post("/webhooks/generic/" + oldKey)
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Unknown integration key"));
        given().contentType(ContentType.JSON).body("{\"title\":\"after\"}").post("/webhooks/generic/" + newKey)
                .then().statusCode(202).body("status", equalTo("accepted"));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/integrations/" + UUID.randomUUID() + "/rotate-key")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).post("/api/v1/integrations/" + id + "/rotate-key").then()
                .statusCode(403);
    }

    @Test
    void theRequestLogKeepsOnlyTheNewest50RequestsOfAnIntegration() {
        var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "chatty", "sourceType", "generic", "service", "s")).post("/api/v1/integrations")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        UUID id = UUID.fromString(created.getString("id"));
        for (int i = 1; i <= 60; i++) {
            given().contentType(ContentType.JSON).body("{\"title\":\"request #" + i + "\"}")
                    .post("/webhooks/generic/" + key).then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ((String) given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/integrations/" + id + "/requests").then().extract().path("[0].body"))
                .contains("request #60"));
        List<String> bodies = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/integrations/" + id + "/requests")
                .then().statusCode(200).extract().jsonPath().getList("body", String.class);
        assertEquals(50, bodies.size());
        for (int i = 0; i < 50; i++) {
            assertTrue(bodies.get(i).contains("request #" + (60 - i) + "\""), "newest first: " + bodies.get(i));
        }
        long stored = pool.preparedQuery("SELECT count(*) FROM integration_request WHERE integration_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(50, stored, "older requests are deleted, not just hidden");
    }
}
