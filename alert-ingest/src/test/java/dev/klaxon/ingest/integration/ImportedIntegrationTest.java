package dev.klaxon.ingest.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
class ImportedIntegrationTest {

    @Test
    void anIntegrationImportedFromPagerDutyKeepsItsRoutingKeySoTheSenderOnlyChangesItsUrl() {
        String routingKey = UUID.randomUUID().toString().replace("-", ""); // PagerDuty keys: 32 hex characters
        String ref = "pagerduty:integration:" + UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Checkout (PagerDuty)", "sourceType", "pagerduty", "service", "checkout",
                        "key", routingKey, "externalRef", ref))
                .post("/api/v1/integrations").then().statusCode(201).body("key", equalTo(routingKey))
                .body("externalRef", equalTo(ref)).extract().path("id");
        given().contentType(ContentType.JSON).body("""
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":"Checkout down",
                 "source":"api-1","severity":"critical"}}""".formatted(routingKey))
                .post("/v2/enqueue").then().statusCode(202).body("status", equalTo("success"));

        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/integrations?externalRef=" + ref).then()
                .statusCode(200).body("id", equalTo(List.of(id)));
        // an update that does not name the reference keeps it; "" clears it
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Checkout", "service", "checkout", "enabled", true))
                .put("/api/v1/integrations/" + id).then().statusCode(200).body("externalRef", equalTo(ref));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Checkout", "service", "checkout", "enabled", true, "externalRef", ""))
                .put("/api/v1/integrations/" + id).then().statusCode(200).body("externalRef", nullValue());
    }

    @Test
    void aKeyOrReferenceAlreadyTakenIsAConflictAndAShortKeyIsRefused() {
        String key = "imported-key-" + UUID.randomUUID();
        String ref = "opsgenie:integration:" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "a", "sourceType", "grafana", "service", "s", "key", key, "externalRef", ref))
                .post("/api/v1/integrations").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "b", "sourceType", "grafana", "service", "s", "key", key))
                .post("/api/v1/integrations").then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "sourceType", "grafana", "service", "s", "externalRef", ref))
                .post("/api/v1/integrations").then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "d", "sourceType", "grafana", "service", "s", "key", "short"))
                .post("/api/v1/integrations").then().statusCode(400).body("errors[0].field", equalTo("key"));
    }
}
