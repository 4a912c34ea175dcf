package dev.klaxon.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@QuarkusTestResource(FakeProviders.class)
class DeliveryFlowTest {

    static final String SLACK = "/api/chat.postMessage";
    static final String TWILIO = "/2010-04-01/Accounts/" + FakeProviders.TWILIO_SID + "/Messages.json";

    @BeforeEach
    void stubProviders() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(SLACK)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D01\",\"ts\":\"1700000000.000100\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo(TWILIO)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM123\",\"status\":\"queued\"}")));
    }

    static NotificationRequested page(String title, String phone, ContactType... channels) {
        UUID incident = UUID.randomUUID();
        List<ContactMethod> methods = Arrays.stream(channels).map(c -> new ContactMethod(c, switch (c) {
            case SLACK -> "U0ONCALL";
            case SMS -> phone;
            default -> "oncall@example.com";
        }, 0)).toList();
        IncidentSummary summary = new IncidentSummary(incident, 42, title, "Primary database unreachable",
                Severity.P1, "checkout", "TRIGGERED", Instant.parse("2026-11-24T09:00:00Z"), null, null, null, 0,
                List.of(new Link("dashboard", "https://grafana.example/d/1", "Dashboard")));
        return new NotificationRequested(UUID.randomUUID(), NotificationKind.TRIGGERED, summary, "user-1",
                "Olivia On-call", methods, Instant.now());
    }

    static void send(NotificationRequested n) {
        TopicProbe.send(Topics.NOTIFICATIONS_REQUESTED, n.incident().incidentId().toString(), EventJson.write(
                EventEnvelope.withId(n.notificationId(), NotificationRequested.EVENT_TYPE, "escalation-service",
                        n.requestedAt(), n)));
    }

    static List<LoggedRequest> slackWith(String text) {
        return FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(SLACK))).stream()
                .filter(r -> r.getBodyAsString().contains(text)).toList();
    }

    static List<Map<String, String>> smsWith(String text) {
        return FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(TWILIO))).stream()
                .map(r -> form(r.getBodyAsString())).filter(f -> f.getOrDefault("Body", "").contains(text)).toList();
    }

    static List<MimeMessage> mailWith(String text) {
        return Arrays.stream(FakeProviders.smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(text);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aPageReachesSlackTwilioAndSmtpExactlyAsTheyExpect() throws Exception {
        NotificationRequested n = page("DatabaseDown-" + UUID.randomUUID(), "+15550100001", ContactType.SLACK,
                ContactType.SMS, ContactType.EMAIL);
        String title = n.incident().title();
        try (TopicProbe status = new TopicProbe(Topics.NOTIFICATIONS_STATUS)) {
            send(n);
            await().atMost(Duration.ofSeconds(20)).until(() -> !slackWith(title).isEmpty() && !smsWith(title)
                    .isEmpty() && !mailWith(title).isEmpty());

            LoggedRequest slack = slackWith(title).get(0);
            assertEquals("Bearer " + FakeProviders.SLACK_TOKEN, slack.getHeader("Authorization"));
            JsonNode body = EventJson.mapper().readTree(slack.getBodyAsString());
            assertEquals("U0ONCALL", body.path("channel").asText());
            assertEquals("[P1] INC-42 " + title, body.path("blocks").get(0).path("text").path("text").asText());
            JsonNode actions = body.path("blocks").findParents("type").stream()
                    .filter(b -> b.path("type").asText().equals("actions")).findFirst().orElseThrow();
            assertEquals(List.of("incident_acknowledge", "incident_resolve"), List.of(
                    actions.path("elements").get(0).path("action_id").asText(),
                    actions.path("elements").get(1).path("action_id").asText()));
            assertEquals(n.incident().incidentId().toString(), actions.path("elements").get(0).path("value").asText());

            LoggedRequest twilio = FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(TWILIO))
                    .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                            (FakeProviders.TWILIO_SID + ":" + FakeProviders.TWILIO_TOKEN).getBytes())))).stream()
                    .filter(r -> r.getBodyAsString().contains(URLDecoder.decode(title, StandardCharsets.UTF_8)
                            .substring(0, 10))).findFirst().orElseThrow();
            Map<String, String> sms = form(twilio.getBodyAsString());
            assertEquals("+15550100001", sms.get("To"));
            assertEquals(FakeProviders.TWILIO_FROM, sms.get("From"));
            assertTrue(sms.get("Body").startsWith("[P1] INC-42 "), sms.get("Body"));
            assertTrue(sms.get("Body").length() <= 160, "one SMS segment");

            MimeMessage mail = mailWith(title).get(0);
            assertEquals("oncall@example.com", mail.getAllRecipients()[0].toString());
            assertEquals("[P1] INC-42 " + title, mail.getSubject());
            String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
            assertTrue(text.contains("SEVERITY: P1 (critical)"), text);
            assertTrue(text.contains("STATUS: Investigating"), text);

            for (ContactType c : List.of(ContactType.SLACK, ContactType.SMS, ContactType.EMAIL)) {
                status.await(r -> {
                    NotificationStatus s = EventJson.read(r.value(), NotificationStatus.class).payload();
                    return s.notificationId().equals(n.notificationId()) && s.contactType() == c
                            && s.state() == NotificationStatus.State.DELIVERED;
                }, Duration.ofSeconds(15));
            }
            List<Map<String, Object>> log = given().auth().oauth2(TestTokens.viewer())
                    .get("/api/v1/deliveries?incidentId=" + n.incident().incidentId()).then().statusCode(200)
                    .extract().path("");
            assertEquals(3, log.size());
            assertTrue(log.stream().allMatch(d -> "DELIVERED".equals(d.get("status"))), log.toString());
            assertTrue(log.stream().anyMatch(d -> "SM123".equals(d.get("providerMessageId"))));
        }
    }

    @Test
    void theSameRequestConsumedTwiceIsDeliveredOnce() {
        NotificationRequested n = page("Twice-" + UUID.randomUUID(), "+15550100009", ContactType.SLACK,
                ContactType.SMS);
        send(n);
        send(n);
        await().atMost(Duration.ofSeconds(20)).until(() -> slackWith(n.incident().title()).size() == 1
                && smsWith(n.incident().title().substring(0, 10)).size() == 1);
        sleep(1500);
        assertEquals(1, slackWith(n.incident().title()).size());
        assertEquals(1, smsWith(n.incident().title().substring(0, 10)).size());
    }

    @Test
    void twilioAnswering500ThenAcceptingIsRetriedAndSentOnce() {
        FakeProviders.http.stubFor(post(urlPathEqualTo(TWILIO)).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500).withBody("oops"))
                .willSetStateTo("recovered"));
        FakeProviders.http.stubFor(post(urlPathEqualTo(TWILIO)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM456\"}")));
        NotificationRequested n = page("Outage-" + UUID.randomUUID(), "+15550100008", ContactType.SMS);
        send(n);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(delivery(n).get("status")));
        Map<String, Object> d = delivery(n);
        assertEquals(2, d.get("attempts"));
        assertEquals("SM456", d.get("providerMessageId"));
        assertEquals(2, smsWith(n.incident().title().substring(0, 10)).size(), "one failed try, one success");
    }

    @Test
    void slackRateLimitingIsHonouredAndRetried() {
        FakeProviders.http.stubFor(post(urlPathEqualTo(SLACK)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        FakeProviders.http.stubFor(post(urlPathEqualTo(SLACK)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"D01\",\"ts\":\"1.2\"}")));
        NotificationRequested n = page("Busy-" + UUID.randomUUID(), "+15550100007", ContactType.SLACK);
        Instant sent = Instant.now();
        send(n);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(delivery(n).get("status")));
        List<LoggedRequest> calls = slackWith(n.incident().title());
        assertEquals(2, calls.size());
        assertTrue(Duration.between(calls.get(0).getLoggedDate().toInstant(), calls.get(1).getLoggedDate()
                .toInstant()).toMillis() >= 900, "waited for Retry-After");
        assertTrue(Duration.between(sent, Instant.now()).toSeconds() < 20);
    }

    @Test
    void aPoisonRequestGoesToTheDeadLetterTopicAndTheNextIsDelivered() {
        NotificationRequested n = page("AfterPoison-" + UUID.randomUUID(), "+15550100006", ContactType.SLACK);
        try (TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.NOTIFICATIONS_REQUESTED))) {
            TopicProbe.send(Topics.NOTIFICATIONS_REQUESTED, "x", "not an event");
            send(n);
            dlq.await(r -> r.value().equals("not an event"), Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(20)).until(() -> !slackWith(n.incident().title()).isEmpty());
        }
    }

    @Test
    void theDeliveryLogNeedsATokenAndNamesBadFilters() {
        given().get("/api/v1/deliveries").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo(
                        "status"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/deliveries?incidentId=nope").then().statusCode(400);
    }

    static Map<String, Object> delivery(NotificationRequested n) {
        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/deliveries?incidentId=" + n.incident().incidentId()).then().statusCode(200).extract()
                .path("");
        return log.isEmpty() ? Map.of() : log.get(0);
    }

    static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
