package dev.klaxon.triage.rule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The dry run of {@code POST /api/v1/rules/test} with what the docs allow: only a title. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_triage"))
class RuleDryRunTest {

    @Test
    void aDryRunWithoutServiceSkipsRulesOnServicesInsteadOfFailing() {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Checkout pages", "position", 0, "conditions",
                        Map.of("services", List.of("checkout"), "sourceTypes", List.of("grafana"), "integrations",
                                List.of("int-checkout")),
                        "actions", Map.of("severity", "P1")))
                .post("/api/v1/rules").then().statusCode(201).extract().path("id");
        try {
            // before the fix: 500 (List.contains(null) in the rule engine)
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                    .body(Map.of("title", "Checkout error rate 12%"))
                    .post("/api/v1/rules/test").then().statusCode(200)
                    .body("matchedRule.name", org.hamcrest.Matchers.not(equalTo("Checkout pages")))
                    .body("severity", equalTo("P2"));
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                    .body(Map.of("title", "Checkout error rate 12%", "service", "checkout", "sourceType", "grafana",
                            "integrationId", "int-checkout"))
                    .post("/api/v1/rules/test").then().statusCode(200)
                    .body("matchedRule.name", equalTo("Checkout pages")).body("severity", equalTo("P1"));
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(Map.of("service", "x"))
                    .post("/api/v1/rules/test").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("title"));
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/rules/" + id).then().statusCode(204);
        }
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("title", "Nothing special")).post("/api/v1/rules/test").then().statusCode(200)
                .body("matchedRule.name", equalTo("Default: P3")).body("severity", equalTo("P3"));
    }
}
