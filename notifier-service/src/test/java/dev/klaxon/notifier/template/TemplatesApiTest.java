package dev.klaxon.notifier.template;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.form;
import static dev.klaxon.notifier.testing.Requests.page;
import static dev.klaxon.notifier.testing.Requests.publish;
import static dev.klaxon.notifier.testing.Requests.twilioPosts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Templates overridden through the API are validated, used for real messages, and can be reset. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class TemplatesApiTest {

    @Test
    void anOverriddenSmsTemplateIsValidatedUsedAndReset() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/templates").then().statusCode(200)
                .body("$", hasSize(6)).body("find { it.name == 'sms.txt' }.overridden", equalTo(false));
        String custom = "{#if kind == 'RESOLVED'}OK {reference}{#else}PAGE {reference} {severity} {title}: reply "
                + "{number}A{/if}";
        try {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("body", custom))
                    .put("/api/v1/templates/sms.txt").then().statusCode(200).body("overridden", equalTo(true))
                    .body("updatedBy", equalTo("test-admin"));
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/templates/preview?kind=TRIGGERED").then()
                    .statusCode(200).body("sms", equalTo("PAGE INC-42 P1 Database unreachable: reply 42A"));

            FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMx\"}")));
            String phone = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            publish(page("Templated", new ContactMethod(ContactType.SMS, phone, 0)));
            await().atMost(Duration.ofSeconds(30)).until(() -> twilioPosts(phone).size() == 1);
            assertEquals("PAGE INC-42 P1 Templated: reply 42A", form(twilioPosts(phone).get(0).getBodyAsString())
                    .get("Body"));
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/templates/sms.txt").then().statusCode(204);
        }
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/templates/sms.txt").then()
                .body("overridden", equalTo(false));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/templates/preview").then()
                .body("sms", containsString("Reply 42A to ack"));
    }

    @Test
    void brokenTemplatesAreRefusedWithTheReason() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("body", "{#if kind == 'RESOLVED'}unclosed")).put("/api/v1/templates/page.txt").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"))
                .body("title", containsString("not a usable template"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("body", "{reference} {noSuchThing}")).put("/api/v1/templates/subject.txt").then()
                .statusCode(400).body("title", containsString("noSuchThing"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("body", "x"))
                .put("/api/v1/templates/nope.txt").then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(Map.of("body", "x"))
                .put("/api/v1/templates/sms.txt").then().statusCode(403);
    }
}
