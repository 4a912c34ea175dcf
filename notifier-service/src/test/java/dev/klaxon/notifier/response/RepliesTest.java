package dev.klaxon.notifier.response;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.mails;
import static dev.klaxon.notifier.testing.Requests.part;
import static dev.klaxon.notifier.testing.Requests.publish;
import static dev.klaxon.notifier.testing.Requests.slackPosts;
import static dev.klaxon.notifier.testing.Requests.twilioPosts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.notifier.testing.Requests;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;

/** Answers coming back: Slack buttons, SMS replies and email links become commands; forgeries are refused. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class RepliesTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** What the notifier takes as Twilio's URL for it: KLAXON_PUBLIC_URL + /sms/inbound. */
    static final String SMS_URL = "http://localhost:8084/sms/inbound";

    @BeforeEach
    void providersAccept() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0REPLY\",\"ts\":\"1700000000.000777\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo("/api/chat.update")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0REPLY\",\"ts\":\"1700000000.000777\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_RESPONSE_PATH + "press"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** A page of a fresh incident with its own number, by the given contact methods, published and delivered. */
    static NotificationRequested paged(NotificationKind kind, IncidentSummary incident, ContactMethod... methods) {
        NotificationRequested n = new NotificationRequested(UUID.randomUUID(), kind, incident, "user-7",
                "Ana Responder", List.of(methods), Instant.now());
        publish(n);
        return n;
    }

    static IncidentSummary incident(String title) {
        return new IncidentSummary(UUID.randomUUID(), ThreadLocalRandom.current().nextLong(1000, 1_000_000), title,
                "Primary database unreachable", Severity.P1, "checkout", "TRIGGERED", Instant.now(), null, null, null,
                0, List.of(new Link("dashboard", "https://grafana.example/d/db", "Dashboard")));
    }

    static IncidentCommand awaitCommand(TopicProbe probe, UUID incidentId) {
        return EventJson.read(probe.await(r -> r.value().contains(incidentId.toString()), WAIT).value(),
                IncidentCommand.class).payload();
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String slackPress(UUID incidentId, String actionId) {
        String payload = EventJson.write(Map.of("type", "block_actions", "user", Map.of("id", "U0ANA", "username",
                "ana.responder", "name", "ana.responder"), "response_url", FakeProviders.http.baseUrl()
                        + FakeProviders.SLACK_RESPONSE_PATH + "press", "actions", List.of(Map.of("action_id",
                                actionId, "block_id", "incident_actions", "value", incidentId.toString(), "type",
                                "button"))));
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    @Test
    void anAcknowledgeButtonPressBecomesACommandAndThePersonIsAnswered() throws Exception {
        IncidentSummary incident = incident("SlackAck-" + UUID.randomUUID());
        paged(NotificationKind.TRIGGERED, incident, new ContactMethod(ContactType.SLACK, "U0ANA", 0));
        await().atMost(WAIT).until(() -> slackPosts(incident.title()).size() == 1);
        String body = slackPress(incident.incidentId(), "incident_acknowledge");
        long ts = Instant.now().getEpochSecond();
        try (TopicProbe commands = new TopicProbe(Topics.INCIDENTS_COMMANDS)) {
            given().contentType(ContentType.URLENC).header("X-Slack-Request-Timestamp", Long.toString(ts))
                    .header("X-Slack-Signature", Signatures.slack(FakeProviders.SLACK_SIGNING_SECRET, ts, body))
                    .body(body).post("/slack/interactions").then().statusCode(200);
            IncidentCommand c = awaitCommand(commands, incident.incidentId());
            assertEquals(IncidentCommand.Action.ACKNOWLEDGE, c.action());
            assertEquals("ana.responder (Slack U0ANA)", c.actor());
            assertEquals("slack", c.via());
            assertEquals(incident.number(), c.incidentNumber());
        }
        List<LoggedRequest> answers = FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(
                FakeProviders.SLACK_RESPONSE_PATH + "press")));
        assertEquals(1, answers.size());
        JsonNode answer = EventJson.mapper().readTree(answers.get(0).getBodyAsString());
        assertEquals("ephemeral", answer.path("response_type").asText());
        assertEquals("Acknowledged INC-" + incident.number() + " — escalation stopped", answer.path("text").asText());
    }

    @Test
    void forgedOrReplayedSlackRequestsAreRefused() {
        String body = slackPress(UUID.randomUUID(), "incident_resolve");
        long now = Instant.now().getEpochSecond();
        given().contentType(ContentType.URLENC).body(body).post("/slack/interactions").then().statusCode(401);
        given().contentType(ContentType.URLENC).header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", Signatures.slack("not-the-secret", now, body)).body(body)
                .post("/slack/interactions").then().statusCode(401).contentType("application/problem+json");
        long old = now - 600;
        given().contentType(ContentType.URLENC).header("X-Slack-Request-Timestamp", Long.toString(old))
                .header("X-Slack-Signature", Signatures.slack(FakeProviders.SLACK_SIGNING_SECRET, old, body))
                .body(body).post("/slack/interactions").then().statusCode(401);
        // signed, but the body was changed on the way
        given().contentType(ContentType.URLENC).header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", Signatures.slack(FakeProviders.SLACK_SIGNING_SECRET, now, body))
                .body(body.replace("resolve", "acknowledge")).post("/slack/interactions").then().statusCode(401);
        String garbage = "payload=%7Bnot-json";
        given().contentType(ContentType.URLENC).header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", Signatures.slack(FakeProviders.SLACK_SIGNING_SECRET, now, garbage))
                .body(garbage).post("/slack/interactions").then().statusCode(400);
    }

    @Test
    void anSmsReplyFromThePagedNumberAcknowledgesAndOthersAreRefused() {
        String phone = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        IncidentSummary incident = incident("SmsAck-" + UUID.randomUUID());
        paged(NotificationKind.TRIGGERED, incident, new ContactMethod(ContactType.SMS, phone, 0));
        await().atMost(WAIT).until(() -> twilioPosts(phone).size() == 1);
        assertTrue(Requests.form(twilioPosts(phone).get(0).getBodyAsString()).get("Body").contains("Reply " + incident.number() + "A"));

        Map<String, String> reply = new LinkedHashMap<>(Map.of("From", phone, "To", FakeProviders.TWILIO_FROM,
                "Body", incident.number() + "a", "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "AccountSid", FakeProviders.TWILIO_SID));
        try (TopicProbe commands = new TopicProbe(Topics.INCIDENTS_COMMANDS)) {
            given().contentType(ContentType.URLENC)
                    .header("X-Twilio-Signature", Signatures.twilio(FakeProviders.TWILIO_TOKEN, SMS_URL, reply))
                    .body(encode(reply)).post("/sms/inbound").then().statusCode(200).contentType("text/xml")
                    .body(containsString("<Response><Message>Acknowledged INC-" + incident.number()
                            + " — escalation stopped</Message></Response>"));
            IncidentCommand c = awaitCommand(commands, incident.incidentId());
            assertEquals(IncidentCommand.Action.ACKNOWLEDGE, c.action());
            assertEquals("Ana Responder", c.actor());
            assertEquals("sms", c.via());
        }
        // another number cannot act on an incident it was not paged about
        Map<String, String> stranger = new LinkedHashMap<>(reply);
        stranger.put("From", "+15550009999");
        stranger.put("Body", "RES " + incident.number());
        given().contentType(ContentType.URLENC)
                .header("X-Twilio-Signature", Signatures.twilio(FakeProviders.TWILIO_TOKEN, SMS_URL, stranger))
                .body(encode(stranger)).post("/sms/inbound").then().statusCode(200)
                .body(containsString("No page about INC-" + incident.number()));
        // a forged signature, or none, is a 401
        given().contentType(ContentType.URLENC).header("X-Twilio-Signature", Signatures.twilio("wrong", SMS_URL, reply))
                .body(encode(reply)).post("/sms/inbound").then().statusCode(401);
        given().contentType(ContentType.URLENC).body(encode(reply)).post("/sms/inbound").then().statusCode(401);
        // words the notifier does not understand get help, not silence
        Map<String, String> chatter = new LinkedHashMap<>(reply);
        chatter.put("Body", "on my way");
        given().contentType(ContentType.URLENC)
                .header("X-Twilio-Signature", Signatures.twilio(FakeProviders.TWILIO_TOKEN, SMS_URL, chatter))
                .body(encode(chatter)).post("/sms/inbound").then().statusCode(200)
                .body(containsString("did not understand"));
    }

    @Test
    void theEmailLinkAcknowledgesAfterAConfirmationAndForgedLinksAreRefused() throws Exception {
        IncidentSummary incident = incident("MailAck-" + UUID.randomUUID());
        paged(NotificationKind.TRIGGERED, incident, new ContactMethod(ContactType.EMAIL, "ana@example.com", 0));
        await().atMost(WAIT).until(() -> mails(incident.title()).size() == 1);
        MimeMessage mail = mails(incident.title()).get(0);
        String text = part(mail, "text/plain");
        Matcher link = Pattern.compile("ACKNOWLEDGE: http://localhost:8084(/ack/[A-Za-z0-9_\\-.]+)").matcher(text);
        assertTrue(link.find(), text);
        String path = link.group(1);
        assertTrue(part(mail, "text/html").contains("http://localhost:8084" + path), "the HTML part has the button");

        // opening the link (as a mail scanner would) acknowledges nothing
        try (TopicProbe commands = new TopicProbe(Topics.INCIDENTS_COMMANDS)) {
            given().get(path).then().statusCode(200).contentType("text/html")
                    .body(containsString("Acknowledge INC-" + incident.number()));
            assertTrue(commands.drain(Duration.ofSeconds(2)).stream()
                    .noneMatch(r -> r.value().contains(incident.incidentId().toString())));
            given().post(path).then().statusCode(200)
                    .body(containsString("Acknowledged INC-" + incident.number() + " — escalation stopped"));
            IncidentCommand c = awaitCommand(commands, incident.incidentId());
            assertEquals(IncidentCommand.Action.ACKNOWLEDGE, c.action());
            assertEquals("Ana Responder", c.actor());
            assertEquals("email", c.via());
        }
        String token = path.substring("/ack/".length());
        String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        given().get("/ack/" + tampered).then().statusCode(401);
        given().post("/ack/" + tampered).then().statusCode(401);
        given().get("/ack/not-a-token").then().statusCode(401);
    }

    @Test
    void acknowledgedAndResolvedReplaceTheSlackPageInPlace() throws Exception {
        IncidentSummary incident = incident("SlackUpdate-" + UUID.randomUUID());
        paged(NotificationKind.TRIGGERED, incident, new ContactMethod(ContactType.SLACK, "U0ANA", 0));
        await().atMost(WAIT).until(() -> slackPosts(incident.title()).size() == 1);
        IncidentSummary resolved = new IncidentSummary(incident.incidentId(), incident.number(), incident.title(),
                incident.description(), incident.severity(), incident.service(), "RESOLVED", incident.startedAt(),
                Instant.now(), "Ana Responder", Instant.now(), 0, incident.links());
        paged(NotificationKind.RESOLVED, resolved, new ContactMethod(ContactType.SLACK, "U0ANA", 0));
        await().atMost(WAIT).until(() -> FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(
                "/api/chat.update"))).stream().anyMatch(r -> r.getBodyAsString().contains(incident.title())));
        LoggedRequest update = FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")))
                .stream().filter(r -> r.getBodyAsString().contains(incident.title())).findFirst().orElseThrow();
        JsonNode body = EventJson.mapper().readTree(update.getBodyAsString());
        assertEquals("D0REPLY", body.path("channel").asText());
        assertEquals("1700000000.000777", body.path("ts").asText());
        assertTrue(body.path("text").asText().contains("RESOLVED") || body.path("text").asText().contains("Resolved"),
                body.path("text").asText());
        assertTrue(update.getBodyAsString().contains("\"blocks\""));
        assertTrue(!update.getBodyAsString().contains("incident_acknowledge"), "a resolved page has no buttons");
        assertEquals(1, slackPosts(incident.title()).size(), "no second message was posted");
    }

}
