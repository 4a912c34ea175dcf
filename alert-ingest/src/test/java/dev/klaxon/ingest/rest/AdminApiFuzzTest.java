package dev.klaxon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.AdminApiFuzz;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every admin operation in alert-ingest's OpenAPI document, driven with bad input: never a 5xx. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class AdminApiFuzzTest {

    @TestHTTPResource("/")
    String base;

    @Test
    void noAdminRequestGetsA5xxAndEveryRefusalNamesTheField() {
        String integration = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz", "sourceType", "grafana", "service", "fuzz"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        String heartbeat = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz-backup", "service", "fuzz", "intervalSeconds", 3600, "graceSeconds", 60))
                .post("/api/v1/heartbeats").then().statusCode(201).extract().path("id");
        AdminApiFuzz.Report report = new AdminApiFuzz(base, TestTokens.admin(), (path, param) -> {
            if (path.startsWith("/api/v1/integrations/")) {
                return integration;
            }
            if (path.startsWith("/api/v1/heartbeats/")) {
                return heartbeat;
            }
            return null;
        }).run();
        System.out.println("[admin fuzz] alert-ingest: " + report.summary());
        report.failures().forEach(f -> System.out.println("[admin fuzz] FAIL " + f));
        assertEquals(List.of(), report.failures(), report.failures().size() + " failures");
    }
}
