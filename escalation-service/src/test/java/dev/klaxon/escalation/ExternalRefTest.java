package dev.klaxon.escalation;

import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
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
        value = "klaxon_test_escalation"))
class ExternalRefTest {

    static String ref(String kind) {
        return "test:" + kind + ":" + UUID.randomUUID();
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> out = new HashMap<>(body);
        out.put(key, value);
        return out;
    }

    /** Creates, finds by the filter, updates without the field (kept), with "" (cleared). */
    static void roundTrip(String path, Map<String, Object> body, String ref) {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(with(body, "externalRef", ref)).post(path).then().statusCode(201)
                .body("externalRef", equalTo(ref)).extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).get(path + "?externalRef=" + ref).then().statusCode(200)
                .body("id", equalTo(List.of(id)));
        given().auth().oauth2(TestTokens.viewer()).get(path + "?externalRef=test:nothing:here").then()
                .statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).put(path + "/" + id)
                .then().statusCode(200).body("externalRef", equalTo(ref));
        given().auth().oauth2(TestTokens.viewer()).get(path + "/" + id).then().body("externalRef", equalTo(ref));
        // a second object cannot claim the same reference
        Map<String, Object> other = new HashMap<>(body);
        other.computeIfPresent("name", (k, v) -> v + " 2");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(with(other, "externalRef", ref))
                .post(path).then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(with(body, "externalRef", ""))
                .put(path + "/" + id).then().statusCode(200).body("externalRef", nullValue());
    }

    @Test
    void aPersonKeepsWhereTheyWereImportedFromUntilTheReferenceIsCleared() {
        roundTrip("/api/v1/users", Map.of("name", unique("Imported"), "email", "imported@example.com"), ref("user"));
    }

    @Test
    void aTeamKeepsItsExternalReferenceAndTheListFindsItByIt() {
        roundTrip("/api/v1/teams", Map.of("name", unique("Imported team"), "members", List.of()), ref("team"));
    }

    @Test
    void aScheduleKeepsItsExternalReferenceAndTheListFindsItByIt() {
        String u = createUser("Sam Ref", null, null, "U0SAMREF");
        roundTrip("/api/v1/schedules", Map.of("name", unique("Imported schedule"), "timeZone", "UTC", "rotations",
                List.of(Map.of("name", "r", "type", "DAILY", "start", "2026-01-01T09:00:00", "participants",
                        List.of(u)))), ref("schedule"));
    }

    @Test
    void anEscalationPolicyKeepsItsExternalReferenceAndTheListFindsItByIt() {
        String u = createUser("Pat Ref", null, null, "U0PATREF");
        roundTrip("/api/v1/escalation-policies", Map.of("name", unique("Imported policy"), "steps", List.of(
                Map.of("timeoutSeconds", 60, "targets", List.of(Map.of("type", "USER", "id", u))))), ref("policy"));
    }
}
