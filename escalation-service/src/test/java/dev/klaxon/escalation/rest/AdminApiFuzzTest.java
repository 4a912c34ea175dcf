package dev.klaxon.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.TestApi;
import dev.klaxon.events.Severity;
import dev.klaxon.testkit.AdminApiFuzz;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every admin operation in escalation-service's OpenAPI document, driven with bad input: never a 5xx. */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_escalation"))
class AdminApiFuzzTest {

    @TestHTTPResource("/")
    String base;

    @Test
    void noAdminRequestGetsA5xxAndEveryRefusalNamesTheField() {
        String user = TestApi.createUser(TestApi.unique("Fuzz"), "fuzz@example.com", "+15550109999", "U0FUZZ");
        String monday = LocalDate.now().minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                + "T09:00:00";
        String schedule = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", TestApi.unique("Fuzz schedule"), "timeZone", "Europe/London", "rotations",
                        List.of(Map.of("name", "weekly", "type", "WEEKLY", "shiftLength", 1, "start", monday,
                                "participants", List.of(user)))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        String team = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", TestApi.unique("Fuzz team"), "members", List.of(user)))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
        String policyName = TestApi.unique("Fuzz policy");
        String policy = TestApi.createPolicy(policyName, TestApi.step(3600, "USER", user));
        String key = "fuzz-" + UUID.randomUUID();
        TestApi.trigger(key, Severity.P3, policyName);
        String incident = TestApi.awaitIncident(key).toString();
        Map<String, String> known = Map.of("/api/v1/users/", user, "/api/v1/schedules/", schedule,
                "/api/v1/teams/", team, "/api/v1/escalation-policies/", policy, "/api/v1/incidents/", incident);
        AdminApiFuzz.Report report = new AdminApiFuzz(base, TestTokens.admin(), (path, param) -> {
            if (!param.equals("id")) {
                return null;
            }
            return known.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }).run();
        System.out.println("[admin fuzz] escalation-service: " + report.summary());
        report.failures().forEach(f -> System.out.println("[admin fuzz] FAIL " + f));
        assertEquals(List.of(), report.failures(), report.failures().size() + " failures");
    }
}
