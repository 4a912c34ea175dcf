package dev.klaxon.escalation.team;

import static dev.klaxon.escalation.TestApi.createPolicy;
import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.step;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.TestApi;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
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
        value = "klaxon_test_escalation"))
class TeamTest {

    static String createTeam(String name, List<String> members) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "Database on-call", "members", members))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    @Test
    void teamKeepsItsMembersInTheOrderGivenThroughCreateReadUpdateDelete() {
        String ana = createUser("Ana Team", null, null, "U0ANA");
        String ben = createUser("Ben Team", null, null, "U0BEN");
        String cat = createUser("Cat Team", null, null, "U0CAT");
        String name = unique("DBA");
        String id = createTeam(name, List.of(cat, ana));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/teams/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("description", equalTo("Database on-call"))
                .body("members", equalTo(List.of(cat, ana)));
        given().auth().oauth2(TestTokens.responder()).get("/api/v1/teams").then().statusCode(200)
                .body("id", hasItem(id));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name + " renamed", "members", List.of(ana, ben, cat)))
                .put("/api/v1/teams/" + id).then().statusCode(200)
                .body("name", equalTo(name + " renamed")).body("members", equalTo(List.of(ana, ben, cat)));

        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/teams/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/teams/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/teams/" + id).then().statusCode(404);
    }

    @Test
    void aSecondTeamWithTheSameNameIsAConflict() {
        String name = unique("SRE");
        createTeam(name, List.of());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "members", List.of())).post("/api/v1/teams").then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("A team named " + name
                        + " already exists"));
        String other = createTeam(unique("SRE"), List.of());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "members", List.of())).put("/api/v1/teams/" + other).then()
                .statusCode(409);
    }

    @Test
    void membersMustBeKnownPeopleListedOnceAndTheBodyHoldsNoUnknownField() {
        String ana = createUser("Ana Valid", null, null, "U0ANAV");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("X"), "members", List.of(ana, UUID.randomUUID().toString())))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("members[1]"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("X"), "members", List.of(ana, ana)))
                .post("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("members[1]"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("X"), "members", List.of(ana), "lead", ana))
                .post("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("lead"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", " ", "members", List.of())).post("/api/v1/teams").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("X"), "members", List.of())).post("/api/v1/teams").then()
                .statusCode(403);
    }

    @Test
    void aStepTargetingATeamPagesEveryMemberInOrder() {
        String dana = createUser("Dana Member", "dana@example.com", "+15550100201", "U0DANA");
        String eli = createUser("Eli Member", "eli@example.com", null, null);
        String team = createTeam(unique("Payments"), List.of(dana, eli));
        String policy = unique("Team ladder");
        createPolicy(policy, step(60, "TEAM", team));
        String key = "team-" + UUID.randomUUID();
        try (TopicProbe pages = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            TestApi.trigger(key, Severity.P2, policy);
            UUID incident = TestApi.awaitIncident(key);
            NotificationRequested toDana = TestApi.awaitPage(pages, incident, NotificationKind.TRIGGERED, dana);
            NotificationRequested toEli = TestApi.awaitPage(pages, incident, NotificationKind.TRIGGERED, eli);
            assertEquals(List.of("SLACK", "SMS", "EMAIL"),
                    toDana.contactMethods().stream().map(m -> m.type().name()).toList());
            assertEquals(List.of("EMAIL"), toEli.contactMethods().stream().map(m -> m.type().name()).toList());
            assertEquals(2, TestApi.notificationsFor(pages, incident, Duration.ofMillis(500)).size());
            List<String> paged = given().auth().oauth2(TestTokens.viewer())
                    .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200).extract()
                    .path("findAll { it.type == 'NOTIFIED' }.userId");
            assertEquals(List.of(dana, eli), paged);
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
        }
    }

    @Test
    void aTeamThatAPolicyPagesCannotBeDeleted() {
        String fay = createUser("Fay Member", null, null, "U0FAY");
        String name = unique("Storage");
        String team = createTeam(name, List.of(fay));
        String policyName = unique("Storage ladder");
        String policy = createPolicy(policyName, step(60, "USER", fay), step(60, "TEAM", team));
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/teams/" + team).then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", startsWith("Team is paged by escalation policy " + policyName));
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/escalation-policies/" + policy).then()
                .statusCode(204);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/teams/" + team).then().statusCode(204);
    }

    @Test
    void aPolicyCannotTargetATeamThatDoesNotExist() {
        String gus = createUser("Gus Member", null, null, "U0GUS");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("Broken"), "steps", List.of(step(60, "USER", gus),
                        step(60, "USER", gus, "TEAM", UUID.randomUUID().toString()))))
                .post("/api/v1/escalation-policies").then().statusCode(400)
                .body("errors[0].field", equalTo("steps[1].targets[1].id"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("Broken"), "steps", List.of(step(60, "GROUP", gus))))
                .post("/api/v1/escalation-policies").then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0].targets[0].type"));
    }
}
