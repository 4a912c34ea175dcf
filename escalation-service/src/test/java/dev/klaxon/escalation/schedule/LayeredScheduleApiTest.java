package dev.klaxon.escalation.schedule;

import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        value = "klaxon_test_escalation"))
class LayeredScheduleApiTest {

    static String createSchedule(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
    }

    static List<String> onCallAt(String schedule, String at) {
        return given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + schedule + "/oncall?at=" + at)
                .then().statusCode(200).extract().path("users.userId");
    }

    @Test
    void aDayLayerWithWeekdayBusinessHoursHidesTheWeeklyLayerOnlyInsideItsWindowsAndIsStoredAsSent() {
        String ana = createUser("Ana Layer", null, null, "U0ANAL");
        String ben = createUser("Ben Layer", null, null, "U0BENL");
        String schedule = createSchedule(Map.of("name", unique("Layered"), "timeZone", "Europe/London", "rotations",
                List.of(Map.of("name", "base", "type", "WEEKLY", "start", "2026-01-05T09:00:00",
                        "participants", List.of(ana)),
                        Map.of("name", "business hours", "type", "DAILY", "start", "2026-01-05T09:00:00",
                                "participants", List.of(ben), "layer", 1, "restrictions", List.of(Map.of(
                                        "days", List.of("MONDAY", "tuesday", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                                        "startTime", "09:00", "durationMinutes", 480)),
                                "activeFrom", "2026-01-01T00:00:00Z", "activeUntil", "2027-01-01T00:00:00Z"))));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + schedule).then().statusCode(200)
                .body("rotations[0].layer", equalTo(0)).body("rotations[0].restrictions", equalTo(List.of()))
                .body("rotations[0].activeFrom", nullValue())
                .body("rotations[1].layer", equalTo(1))
                .body("rotations[1].restrictions[0].days", equalTo(List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                        "THURSDAY", "FRIDAY")))
                .body("rotations[1].restrictions[0].startTime", equalTo("09:00:00"))
                .body("rotations[1].restrictions[0].durationMinutes", equalTo(480))
                .body("rotations[1].activeFrom", equalTo("2026-01-01T00:00:00Z"))
                .body("rotations[1].activeUntil", equalTo("2027-01-01T00:00:00Z"));
        // Tuesday 2026-06-02, British Summer Time: 09:00 local is 08:00Z
        assertEquals(List.of(ana), onCallAt(schedule, "2026-06-02T07:59:00Z"));
        assertEquals(List.of(ben), onCallAt(schedule, "2026-06-02T08:00:00Z"));
        assertEquals(List.of(ana), onCallAt(schedule, "2026-06-02T16:00:00Z"));
        assertEquals(List.of(ana), onCallAt(schedule, "2026-06-06T12:00:00Z")); // Saturday
        assertEquals(List.of(ana), onCallAt(schedule, "2027-01-05T12:00:00Z")); // after the day layer's end
    }

    @Test
    void aScheduleSentWithoutTheNewFieldsBehavesAsBeforeWithUnionedRotations() {
        String cat = createUser("Cat Layer", null, null, "U0CATL");
        String dan = createUser("Dan Layer", null, null, "U0DANL");
        String schedule = createSchedule(Map.of("name", unique("Plain"), "timeZone", "UTC", "rotations", List.of(
                Map.of("name", "a", "type", "DAILY", "start", "2026-01-01T00:00:00", "participants", List.of(cat)),
                Map.of("name", "b", "type", "DAILY", "start", "2026-01-01T00:00:00", "participants", List.of(dan)))));
        assertEquals(List.of(cat, dan), onCallAt(schedule, "2026-05-01T10:00:00Z"));
    }

    @Test
    void aBadRestrictionOrActivePeriodIsRefusedNamingTheField() {
        String eve = createUser("Eve Layer", null, null, "U0EVEL");
        Map<String, Object> rotation = Map.of("name", "r", "type", "DAILY", "start", "2026-01-01T09:00:00",
                "participants", List.of(eve), "restrictions", List.of(Map.of("days", List.of("Funday"),
                        "startTime", "09:00", "durationMinutes", 60)));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("Bad"), "timeZone", "UTC", "rotations", List.of(rotation)))
                .post("/api/v1/schedules").then().statusCode(400)
                .body("errors[0].field", equalTo("rotations[0].restrictions[0].days[0]"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("Bad"), "timeZone", "UTC", "rotations", List.of(Map.of("name", "r",
                        "type", "DAILY", "start", "2026-01-01T09:00:00", "participants", List.of(eve),
                        "restrictions", List.of(Map.of("startTime", "25:00", "durationMinutes", 60))))))
                .post("/api/v1/schedules").then().statusCode(400)
                .body("errors[0].field", equalTo("rotations[0].restrictions[0].startTime"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", unique("Bad"), "timeZone", "UTC", "rotations", List.of(Map.of("name", "r",
                        "type", "DAILY", "start", "2026-01-01T09:00:00", "participants", List.of(eve),
                        "activeFrom", "2026-02-01T00:00:00Z", "activeUntil", "2026-01-01T00:00:00Z"))))
                .post("/api/v1/schedules").then().statusCode(400)
                .body("errors[0].field", equalTo("rotations[0].activeUntil"));
    }
}
