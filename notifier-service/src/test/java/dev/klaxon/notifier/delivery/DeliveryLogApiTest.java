package dev.klaxon.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.log;
import static dev.klaxon.notifier.testing.Requests.page;
import static dev.klaxon.notifier.testing.Requests.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The delivery log API: authentication, filters, paging, and problem+json for bad parameters. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class DeliveryLogApiTest {

    @Test
    void theLogNeedsAToken() {
        given().get("/api/v1/deliveries").then().statusCode(401);
        given().get("/api/v1/deliveries/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/deliveries").then().statusCode(401);
    }

    @Test
    void everyRoleMayReadTheLog() {
        for (String token : List.of(TestTokens.admin(), TestTokens.responder(), TestTokens.viewer())) {
            given().auth().oauth2(token).get("/api/v1/deliveries").then().statusCode(200);
        }
        given().auth().oauth2(TestTokens.token("nobody")).get("/api/v1/deliveries").then().statusCode(403);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("title", containsString("status")).body("errors[0].field", equalTo("status"));
        for (String[] bad : new String[][] { { "channel", "PIGEON" }, { "incidentId", "INC-42" },
                { "limit", "501" }, { "limit", "0" }, { "limit", "ten" }, { "offset", "-1" } }) {
            given().auth().oauth2(TestTokens.viewer()).queryParam(bad[0], bad[1]).get("/api/v1/deliveries").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad[0]));
        }
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries/nope").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theLogFiltersAndPagesNewestFirst() {
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0LOG\",\"ts\":\"1.1\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMlog\"}")));
        NotificationRequested n = page("LogFilters-" + UUID.randomUUID().toString().substring(0, 8),
                new ContactMethod(ContactType.SLACK, "U0LOG", 0), new ContactMethod(ContactType.SMS, "+15550100005", 0),
                new ContactMethod(ContactType.EMAIL, "log@example.com", 0));
        publish(n);
        await().atMost(Duration.ofSeconds(30)).until(() -> log(n).stream()
                .filter(d -> "DELIVERED".equals(d.get("status"))).count() == 3);
        String incident = n.incident().incidentId().toString();

        List<Map<String, Object>> sms = given().auth().oauth2(TestTokens.viewer())
                .queryParam("incidentId", incident).queryParam("channel", "sms").get("/api/v1/deliveries")
                .then().statusCode(200).body("", hasSize(1)).extract().path("");
        assertEquals("+15550100005", sms.get(0).get("address"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("incidentId", incident)
                .queryParam("status", "FAILED").get("/api/v1/deliveries").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("recipientId", "user-1")
                .queryParam("incidentId", incident).get("/api/v1/deliveries").then().body("", hasSize(3));

        List<Map<String, Object>> all = log(n);
        List<Object> pageOfOne = given().auth().oauth2(TestTokens.viewer()).queryParam("incidentId", incident)
                .queryParam("limit", 1).queryParam("offset", 1).get("/api/v1/deliveries").then().statusCode(200)
                .body("", hasSize(1)).extract().path("id");
        assertEquals(all.get(1).get("id"), pageOfOne.get(0));

        String id = (String) sms.get(0).get("id");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("channel", equalTo("SMS")).body("status", equalTo("DELIVERED"))
                .body("providerMessageId", equalTo("SMlog")).body("notificationId",
                        equalTo(n.notificationId().toString()));
    }
}
