package dev.klaxon.notifier.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.mails;
import static dev.klaxon.notifier.testing.Requests.slackPosts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Incidents announced in channels by severity, from the real lifecycle topic to what the providers received. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class ChannelRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void providersAccept() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"C0INCIDENTS\",\"ts\":\"1700000000.000999\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo("/api/chat.update")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"C0INCIDENTS\",\"ts\":\"1700000000.000999\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo("/hooks/klaxon")).willReturn(aResponse().withStatus(204)));
    }

    static IncidentLifecycle event(IncidentLifecycle.Type type, UUID id, long number, String title, Severity s,
            String service) {
        IncidentSummary summary = new IncidentSummary(id, number, title, "Orders cannot be written", s, service,
                type == IncidentLifecycle.Type.RESOLVED ? "RESOLVED"
                        : type == IncidentLifecycle.Type.ACKNOWLEDGED ? "ACKNOWLEDGED" : "TRIGGERED",
                Instant.now().minusSeconds(60), null, type == IncidentLifecycle.Type.ACKNOWLEDGED ? "Ana" : null,
                type == IncidentLifecycle.Type.RESOLVED ? Instant.now() : null, 0,
                List.of(new Link("runbook", "https://wiki.example/runbooks/db", "Runbook")));
        return new IncidentLifecycle(type, id, number, "key", title, s, service, summary.status(), "ana", "api",
                Instant.now(), summary);
    }

    static void publish(EventEnvelope<IncidentLifecycle> e) {
        TopicProbe.send(Topics.INCIDENTS_LIFECYCLE, e.payload().incidentId().toString(), EventJson.write(e));
    }

    static EventEnvelope<IncidentLifecycle> envelope(IncidentLifecycle e) {
        return EventEnvelope.of(e.eventType(), "escalation-service", e.at(), e);
    }

    @Test
    void theRunbookDefaultsAreThereFromTheFirstStart() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/channels").then().statusCode(200)
                .body("name", hasItems("Slack #incidents (P1, P2)", "Slack #operations (P3, P4)",
                        "Email critical list (P1)"))
                .body("find { it.name == 'Slack #incidents (P1, P2)' }.address", equalTo("#incidents"))
                .body("find { it.name == 'Email critical list (P1)' }.address", equalTo(FakeProviders.CRITICAL_LIST));
    }

    @Test
    void aP1IsAnnouncedInIncidentsAndToTheCriticalListOnceAndItsAcknowledgementUpdatesTheMessage()
            throws Exception {
        UUID id = UUID.randomUUID();
        long number = ThreadLocalRandom.current().nextLong(1000, 1_000_000);
        String title = "OrdersDbDown-" + id.toString().substring(0, 8);
        var opened = envelope(event(IncidentLifecycle.Type.OPENED, id, number, title, Severity.P1, "orders"));
        publish(opened);
        publish(opened); // redelivered: announced once
        await().atMost(WAIT).until(() -> slackPosts(title).size() == 1 && mails(title).size() == 1);
        JsonNode post = EventJson.mapper().readTree(slackPosts(title).get(0).getBodyAsString());
        assertEquals("#incidents", post.path("channel").asText());
        assertTrue(post.path("text").asText().startsWith("[P1] INC-" + number + " " + title));
        assertEquals(FakeProviders.CRITICAL_LIST, mails(title).get(0).getAllRecipients()[0].toString());

        publish(envelope(event(IncidentLifecycle.Type.ACKNOWLEDGED, id, number, title, Severity.P1, "orders")));
        await().atMost(WAIT).until(() -> FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(
                "/api/chat.update"))).stream().anyMatch(r -> r.getBodyAsString().contains(title)));
        JsonNode update = EventJson.mapper().readTree(FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(
                "/api/chat.update"))).stream().filter(r -> r.getBodyAsString().contains(title)).findFirst()
                .orElseThrow().getBodyAsString());
        assertEquals("C0INCIDENTS", update.path("channel").asText());
        assertEquals("1700000000.000999", update.path("ts").asText());
        Thread.sleep(1500);
        assertEquals(1, slackPosts(title).size(), "acknowledged replaced the message; nothing new was posted");
        assertEquals(1, mails(title).size(), "the critical list hears of opening and resolution only");
    }

    @Test
    void aP3GoesToOperationsAndNotToTheCriticalList() throws Exception {
        UUID id = UUID.randomUUID();
        String title = "SearchSlow-" + id.toString().substring(0, 8);
        publish(envelope(event(IncidentLifecycle.Type.OPENED, id, 77, title, Severity.P3, "search")));
        await().atMost(WAIT).until(() -> slackPosts(title).size() == 1);
        assertEquals("#operations", EventJson.mapper().readTree(slackPosts(title).get(0).getBodyAsString())
                .path("channel").asText());
        Thread.sleep(1500);
        assertEquals(0, mails(title).size());
    }

    @Test
    void aWebhookRouteReceivesSignedJson() throws Exception {
        String service = "hooks-" + UUID.randomUUID();
        String routeId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Automation " + service, "contactType", "WEBHOOK", "address",
                        FakeProviders.http.baseUrl() + "/hooks/klaxon", "severities", List.of("P2"), "services",
                        List.of(service), "events", List.of("OPENED")))
                .post("/api/v1/channels").then().statusCode(201).body("contactType", equalTo("WEBHOOK"))
                .extract().path("id");
        UUID id = UUID.randomUUID();
        String title = "Hooked-" + id.toString().substring(0, 8);
        publish(envelope(event(IncidentLifecycle.Type.OPENED, id, 5, title, Severity.P2, service)));
        publish(envelope(event(IncidentLifecycle.Type.RESOLVED, id, 5, title, Severity.P2, service)));
        await().atMost(WAIT).until(() -> hooks(title).size() == 1);
        LoggedRequest hook = hooks(title).get(0);
        String ts = hook.getHeader("X-Klaxon-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(FakeProviders.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + hook.getBodyAsString())
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hook.getHeader("X-Klaxon-Signature"));
        JsonNode body = EventJson.mapper().readTree(hook.getBodyAsString());
        assertEquals("triggered", body.path("event").asText());
        assertEquals(id.toString(), body.path("incident").path("incidentId").asText());
        assertEquals(hook.getHeader("X-Klaxon-Delivery"), body.path("deliveryId").asText());
        Thread.sleep(1500);
        assertEquals(1, hooks(title).size(), "the route announces OPENED only");
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/channels/" + routeId).then().statusCode(204);
    }

    @Test
    void routesAreValidated() {
        var base = Map.<String, Object>of("name", "x", "contactType", "SLACK", "address", "incidents", "severities",
                List.of("P1"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(base).post("/api/v1/channels")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("address"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "contactType", "PIGEON", "address", "#x", "severities", List.of("P1")))
                .post("/api/v1/channels").then().statusCode(400).body("errors[0].field", equalTo("contactType"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "contactType", "SLACK", "address", "#x", "severities", List.of("P9")))
                .post("/api/v1/channels").then().statusCode(400).body("errors[0].field", equalTo("severities"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Slack #incidents (P1, P2)", "contactType", "SLACK", "address", "#x",
                        "severities", List.of("P1")))
                .post("/api/v1/channels").then().statusCode(409);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", "y", "contactType", "SLACK", "address", "#y", "severities", List.of("P1")))
                .post("/api/v1/channels").then().statusCode(403);
    }

    static List<LoggedRequest> hooks(String containing) {
        return FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo("/hooks/klaxon"))).stream()
                .filter(r -> r.getBodyAsString().contains(containing)).toList();
    }
}
