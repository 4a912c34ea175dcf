package dev.klaxon.triage.rest;

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

/** Every admin operation in triage-service's OpenAPI document, driven with bad input: never a 5xx. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_triage"))
class AdminApiFuzzTest {

    @TestHTTPResource("/")
    String base;

    @Test
    void noAdminRequestGetsA5xxAndEveryRefusalNamesTheField() {
        String rule = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz rule", "conditions", Map.of("services", List.of("fuzz")), "actions",
                        Map.of("severity", "P3")))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        String silence = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of(Map.of("name", "service", "op", "=", "value", "fuzz")),
                        "endsAt", java.time.Instant.now().plusSeconds(3600).toString(), "comment", "fuzz"))
                .post("/api/v1/silences").then().statusCode(201).extract().path("id");
        AdminApiFuzz.Report report = new AdminApiFuzz(base, TestTokens.admin(), (path, param) -> {
            if (path.startsWith("/api/v1/rules/")) {
                return rule;
            }
            if (path.startsWith("/api/v1/silences/")) {
                return silence;
            }
            return null;
        }).run();
        System.out.println("[admin fuzz] triage-service: " + report.summary());
        report.failures().forEach(f -> System.out.println("[admin fuzz] FAIL " + f));
        assertEquals(List.of(), report.failures(), report.failures().size() + " failures");
    }
}
