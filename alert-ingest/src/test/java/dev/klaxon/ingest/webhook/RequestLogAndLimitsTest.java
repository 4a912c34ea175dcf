package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class RequestLogAndLimitsTest {

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
                .post("/webhooks/generic/" + key).then().statusCode(413);
    }
}
