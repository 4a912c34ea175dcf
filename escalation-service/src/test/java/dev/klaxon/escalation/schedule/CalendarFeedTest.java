package dev.klaxon.escalation.schedule;

import static dev.klaxon.escalation.TestApi.createUser;
import static dev.klaxon.escalation.TestApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
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
class CalendarFeedTest {

    static String hana;
    static String ivan;
    static String scheduleName;
    static String schedule;
    static Instant overrideStart;

    @BeforeEach
    void aDailyRotationWithAnOverrideOnce() {
        if (schedule != null) {
            return;
        }
        hana = createUser("Hana Feed", "hana.feed@example.com", null, "U0HANA");
        ivan = createUser("Ivan Feed", "ivan.feed@example.com", null, "U0IVAN");
        scheduleName = unique("Feeds");
        schedule = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", scheduleName, "timeZone", "Europe/London", "rotations", List.of(Map.of(
                        "name", "daily", "type", "DAILY", "shiftLength", 1,
                        "start", LocalDate.now().minusDays(20) + "T09:00:00", "participants", List.of(hana, ivan)))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        overrideStart = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("userId", ivan, "start", overrideStart.toString(),
                        "end", overrideStart.plus(2, ChronoUnit.HOURS).toString()))
                .post("/api/v1/schedules/" + schedule + "/overrides").then().statusCode(201);
    }

    static List<String> values(String ics, String property) {
        Matcher m = Pattern.compile("\r\n" + property + ":([^\r\n]*)").matcher(ics.replace("\r\n ", ""));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String feed(String path) {
        return given().auth().oauth2(TestTokens.viewer()).get(path).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
    }

    @Test
    void aScheduleFeedHasOneEventPerShiftFromAWeekAgoToSixtyDaysAheadWithOverridesApplied() {
        String ics = feed("/api/v1/schedules/" + schedule + "/ical");
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        List<String> uids = values(ics, "UID");
        // daily shifts over 67 days, plus the override and the part of the shift it cut
        assertTrue(uids.size() >= 68 && uids.size() <= 71, uids.size() + " events");
        assertEquals(uids.size(), new HashSet<>(uids).size(), "one UID per shift");
        assertEquals(uids.size(), values(ics, "DTSTAMP").size());
        values(ics, "DTSTART").forEach(v -> assertTrue(v.matches("\\d{8}T\\d{6}Z"), v));
        values(ics, "DTEND").forEach(v -> assertTrue(v.matches("\\d{8}T\\d{6}Z"), v));
        assertTrue(values(ics, "SUMMARY").containsAll(List.of("Hana Feed on call", "Ivan Feed on call")));
        assertTrue(values(ics, "DTSTART").contains(ICalendar.utc(overrideStart)), "the override is an event");
        Instant first = Instant.from(ICalendar.UTC.parse(values(ics, "DTSTART").get(0)));
        assertTrue(first.isBefore(Instant.now().minus(6, ChronoUnit.DAYS)), "starts a week back: " + first);

        // the same shifts keep their UIDs from one fetch to the next
        assertEquals(uids, values(feed("/api/v1/schedules/" + schedule + "/ical"), "UID"));
        // from and days narrow the range
        String twoDays = feed("/api/v1/schedules/" + schedule + "/ical?from=" + LocalDate.now() + "&days=2");
        assertTrue(values(twoDays, "UID").size() <= 5, twoDays);
        assertTrue(uids.containsAll(values(twoDays, "UID")));
    }

    @Test
    void theRangeIsBounded() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + schedule + "/ical?days=1000").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("days"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + schedule + "/ical?from=soon").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/schedules/" + schedule + "/ical?from=2020-01-01")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void aFeedTokenOpensOnlyItsOwnFeedAndANewOneRevokesTheOld() {
        given().get("/api/v1/schedules/" + schedule + "/ical").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/api/v1/schedules/" + schedule + "/ical").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("nobody")).get("/api/v1/schedules/" + schedule + "/ical").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).post("/api/v1/schedules/" + schedule + "/ical-token").then()
                .statusCode(403);

        Map<String, String> issued = given().auth().oauth2(TestTokens.admin())
                .post("/api/v1/schedules/" + schedule + "/ical-token").then().statusCode(201).extract().as(Map.class);
        String token = issued.get("token");
        assertTrue(token.length() >= 43, token);
        assertTrue(issued.get("url").endsWith("/api/v1/schedules/" + schedule + "/ical?token=" + token),
                issued.get("url"));
        String ics = given().queryParam("token", token).get("/api/v1/schedules/" + schedule + "/ical").then()
                .statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
        assertTrue(ics.contains("SUMMARY:Hana Feed on call"));
        // a schedule's token opens nothing else
        given().queryParam("token", token).get("/api/v1/users/" + hana + "/ical").then().statusCode(401);

        String rotated = given().auth().oauth2(TestTokens.admin())
                .post("/api/v1/schedules/" + schedule + "/ical-token").then().statusCode(201).extract().path("token");
        assertNotEquals(token, rotated);
        given().queryParam("token", token).get("/api/v1/schedules/" + schedule + "/ical").then().statusCode(401);
        given().queryParam("token", rotated).get("/api/v1/schedules/" + schedule + "/ical").then().statusCode(200);
    }

    @Test
    void aPersonsFeedHoldsOnlyTheirShiftsAndTheyCanIssueItsTokenThemselves() {
        String asHana = TestTokens.token("hana.feed@example.com", "viewer");
        String asIvan = TestTokens.token("ivan.feed@example.com", "responder");
        given().auth().oauth2(asIvan).post("/api/v1/users/" + hana + "/ical-token").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + hana + "/ical-token").then()
                .statusCode(201);
        String token = given().auth().oauth2(asHana).post("/api/v1/users/" + hana + "/ical-token").then()
                .statusCode(201).extract().path("token");
        given().auth().oauth2(TestTokens.token(hana, "viewer")).post("/api/v1/users/" + hana + "/ical-token").then()
                .statusCode(201);
        // the last one issued is the live one
        given().queryParam("token", token).get("/api/v1/users/" + hana + "/ical").then().statusCode(401);
        token = given().auth().oauth2(asHana).post("/api/v1/users/" + hana + "/ical-token").then().statusCode(201)
                .extract().path("token");

        String ics = given().queryParam("token", token).get("/api/v1/users/" + hana + "/ical").then()
                .statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
        List<String> summaries = values(ics, "SUMMARY");
        assertFalse(summaries.isEmpty());
        summaries.forEach(v -> assertEquals("On call: " + scheduleName, v));
        assertFalse(values(ics, "DTSTART").contains(ICalendar.utc(overrideStart)), "Ivan's override is not Hana's");
        String ivans = feed("/api/v1/users/" + ivan + "/ical");
        assertTrue(values(ivans, "DTSTART").contains(ICalendar.utc(overrideStart)));
        // schedule and person feeds name the same shift with the same UID
        assertTrue(values(feed("/api/v1/schedules/" + schedule + "/ical"), "UID").containsAll(values(ics, "UID")));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/users/" + java.util.UUID.randomUUID() + "/ical")
                .then().statusCode(404);
    }
}
