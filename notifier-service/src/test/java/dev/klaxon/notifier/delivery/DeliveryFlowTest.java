package dev.klaxon.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.delivery;
import static dev.klaxon.notifier.testing.Requests.form;
import static dev.klaxon.notifier.testing.Requests.log;
import static dev.klaxon.notifier.testing.Requests.mails;
import static dev.klaxon.notifier.testing.Requests.page;
import static dev.klaxon.notifier.testing.Requests.part;
import static dev.klaxon.notifier.testing.Requests.publish;
import static dev.klaxon.notifier.testing.Requests.slackPosts;
import static dev.klaxon.notifier.testing.Requests.twilioPosts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.NotificationStatus;
import dev.klaxon.events.Topics;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/** Notification requests from the real topic to what Slack, Twilio and the SMTP server really received. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class DeliveryFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    DeliveryRepository repository;

    @BeforeEach
    void providersAccept() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0ONCALL\",\"ts\":\"1700000000.000100\"}")));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
    }

    static String title(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPageReachesSlackTwilioAndSmtpExactlyAsTheyExpect() throws Exception {
        String title = title("DatabaseDown");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0ONCALL", 0),
                new ContactMethod(ContactType.SMS, "+15550100001", 0),
                new ContactMethod(ContactType.EMAIL, "oncall@example.com", 0));
        try (TopicProbe status = new TopicProbe(Topics.NOTIFICATIONS_STATUS)) {
            publish(n);
            await().atMost(WAIT).until(() -> slackPosts(title).size() == 1 && twilioPosts("+15550100001").size() == 1
                    && mails(title).size() == 1);

            // Slack: bot token, channel, fallback text, Block Kit header, fields, links and the two buttons
            LoggedRequest slack = slackPosts(title).get(0);
            assertEquals("Bearer " + FakeProviders.SLACK_TOKEN, slack.getHeader("Authorization"));
            assertTrue(slack.getHeader("Content-Type").startsWith("application/json"));
            JsonNode body = EventJson.mapper().readTree(slack.getBodyAsString());
            assertEquals("U0ONCALL", body.path("channel").asText());
            assertEquals("[P1] INC-42 " + title + " - Investigating", body.path("text").asText());
            JsonNode blocks = body.path("blocks");
            assertEquals("header", blocks.get(0).path("type").asText());
            assertEquals("[P1] INC-42 " + title, blocks.get(0).path("text").path("text").asText());
            List<String> fields = blocks.get(1).path("fields").findValuesAsText("text");
            assertEquals(List.of("*Severity*\nP1 (critical)", "*Service*\ncheckout", "*Status*\nInvestigating",
                    "*Incident*\nINC-42"), fields);
            assertTrue(slack.getBodyAsString().contains("<https://grafana.example/d/db|Dashboard>"));
            JsonNode actions = blocks.get(blocks.size() - 1);
            assertEquals("actions", actions.path("type").asText());
            assertEquals(2, actions.path("elements").size());
            assertEquals("incident_acknowledge", actions.path("elements").get(0).path("action_id").asText());
            assertEquals("Acknowledge", actions.path("elements").get(0).path("text").path("text").asText());
            assertEquals("incident_resolve", actions.path("elements").get(1).path("action_id").asText());
            assertEquals("Resolve", actions.path("elements").get(1).path("text").path("text").asText());
            for (JsonNode button : actions.path("elements")) {
                assertEquals(n.incident().incidentId().toString(), button.path("value").asText());
            }

            // Twilio: form fields and HTTP Basic with the account SID and auth token
            LoggedRequest twilio = twilioPosts("+15550100001").get(0);
            assertEquals("Basic " + Base64.getEncoder().encodeToString((FakeProviders.TWILIO_SID + ":"
                    + FakeProviders.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)), twilio.getHeader("Authorization"));
            assertTrue(twilio.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> sms = form(twilio.getBodyAsString());
            assertEquals("+15550100001", sms.get("To"));
            assertEquals(FakeProviders.TWILIO_FROM, sms.get("From"));
            assertEquals("[P1] INC-42 " + title + " (checkout). Reply 42A to ack, 42R to resolve", sms.get("Body"));

            // email: recipient, sender, subject, the runbook text and its HTML twin
            MimeMessage mail = mails(title).get(0);
            assertEquals("oncall@example.com", mail.getAllRecipients()[0].toString());
            assertEquals(FakeProviders.MAIL_FROM, mail.getFrom()[0].toString());
            assertEquals("[P1] INC-42 " + title, mail.getSubject());
            String text = part(mail, "text/plain");
            assertNotNull(text, "a plain-text part");
            assertTrue(text.contains("INCIDENT: " + title), text);
            assertTrue(text.contains("SEVERITY: P1 (critical)"), text);
            assertTrue(text.contains("STATUS: Investigating"), text);
            assertTrue(text.contains("IMPACT: Primary database unreachable"), text);
            assertTrue(text.contains("STARTED: 2026-11-24 09:00 UTC"), text);
            String html = part(mail, "text/html");
            assertNotNull(html, "an HTML part");
            assertTrue(html.contains("P1 (critical)") && html.contains("href=\"https://grafana.example/d/db\""), html);

            // notifications.status: one DELIVERED per contact method, keyed by incident, with a derived event id
            for (ContactType type : List.of(ContactType.SLACK, ContactType.SMS, ContactType.EMAIL)) {
                ConsumerRecord<String, String> record = status.await(r -> {
                    NotificationStatus s = EventJson.read(r.value(), NotificationStatus.class).payload();
                    return s.notificationId().equals(n.notificationId()) && s.contactType() == type;
                }, WAIT);
                EventEnvelope<NotificationStatus> event = EventJson.read(record.value(), NotificationStatus.class);
                assertEquals(n.incident().incidentId().toString(), record.key());
                assertEquals(NotificationStatus.State.DELIVERED, event.payload().state());
                assertEquals("notification.delivered", event.eventType());
                assertEquals("notifier-service", event.source());
                String address = type == ContactType.SLACK ? "U0ONCALL" : type == ContactType.SMS ? "+15550100001"
                        : "oncall@example.com";
                assertEquals(DeterministicIds.of(Delivery.id(n.notificationId(), type, address),
                        NotificationStatus.State.DELIVERED), event.eventId());
            }
        }

        // the delivery log, as a viewer sees it
        List<Map<String, Object>> log = log(n);
        assertEquals(3, log.size(), log.toString());
        for (Map<String, Object> d : log) {
            assertEquals("DELIVERED", d.get("status"), d.toString());
            assertEquals(1, d.get("attempts"));
            assertEquals("TRIGGERED", d.get("kind"));
            assertEquals(42, d.get("incidentNumber"));
            assertEquals("user-1", d.get("recipientId"));
            assertEquals("Olivia On-call", d.get("recipientName"));
            assertEquals("[P1] INC-42 " + title, d.get("subject"));
        }
        Map<String, Object> bySms = log.stream().filter(d -> "SMS".equals(d.get("channel"))).findFirst().orElseThrow();
        assertEquals("SM0123456789abcdef", bySms.get("providerMessageId"));
        assertEquals("+15550100001", bySms.get("address"));
        assertTrue(((String) bySms.get("body")).endsWith("Reply 42A to ack, 42R to resolve"));
        Map<String, Object> bySlack = log.stream().filter(d -> "SLACK".equals(d.get("channel"))).findFirst()
                .orElseThrow();
        assertEquals("D0ONCALL/1700000000.000100", bySlack.get("providerMessageId"));
    }

    @Test
    void theSameRequestConsumedTwiceIsSentOnce() {
        String title = title("Twice");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0TWICE", 0),
                new ContactMethod(ContactType.SMS, "+15550100002", 0),
                new ContactMethod(ContactType.EMAIL, "twice@example.com", 0));
        publish(n);
        publish(n);
        await().atMost(WAIT).until(() -> log(n).stream().filter(d -> "DELIVERED".equals(d.get("status"))).count()
                == 3);
        // the second copy has certainly been consumed once a request published after it was delivered
        NotificationRequested marker = page(title("Marker"), new ContactMethod(ContactType.SLACK, "U0MARKER", 0));
        publish(marker);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(marker).get("status")));
        assertEquals(1, slackPosts(title).size());
        assertEquals(1, twilioPosts("+15550100002").size());
        assertEquals(1, mails(title).size());
        assertEquals(3, log(n).size());
    }

    @Test
    void twilioAnswering500ThenAcceptingIsRetriedAndSentOnce() {
        String to = "+15550100003";
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH))
                .withRequestBody(containing("To=%2B15550100003")).inScenario("twilio-outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"internal\"}"))
                .willSetStateTo("recovered"));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH))
                .withRequestBody(containing("To=%2B15550100003")).inScenario("twilio-outage")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMretried\"}")));
        NotificationRequested n = page(title("Outage"), new ContactMethod(ContactType.SMS, to, 0));
        try (TopicProbe status = new TopicProbe(Topics.NOTIFICATIONS_STATUS)) {
            publish(n);
            await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(n).get("status")));
            Map<String, Object> d = delivery(n);
            assertEquals(2, d.get("attempts"));
            assertEquals("SMretried", d.get("providerMessageId"));
            assertEquals(2, twilioPosts(to).size(), "one refused, one accepted");
            status.await(r -> r.value().contains(n.notificationId().toString())
                    && r.value().contains("\"state\":\"DELIVERED\""), WAIT);
            assertEquals(1, status.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> r.value().contains(n.notificationId().toString())).count(), "one final outcome");
        }
    }

    @Test
    void slackRateLimitingWaitsForRetryAfter() {
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH))
                .withRequestBody(containing("U0BUSY")).inScenario("slack-busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH))
                .withRequestBody(containing("U0BUSY")).inScenario("slack-busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"D0BUSY\",\"ts\":\"1.2\"}")));
        String title = title("Busy");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0BUSY", 0));
        publish(n);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(n).get("status")));
        List<LoggedRequest> calls = slackPosts(title);
        assertEquals(2, calls.size());
        long waited = Duration.between(calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant()).toMillis();
        assertTrue(waited >= 1900, "waited for Retry-After: " + waited + " ms");
    }

    @Test
    void aSlackRefusalFailsTheDeliveryAndSaysSo() {
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.SLACK_PATH))
                .withRequestBody(containing("C0GONE")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        NotificationRequested n = page(title("Gone"), new ContactMethod(ContactType.SLACK, "C0GONE", 0));
        try (TopicProbe status = new TopicProbe(Topics.NOTIFICATIONS_STATUS)) {
            publish(n);
            ConsumerRecord<String, String> record = status.await(r -> r.value().contains(
                    n.notificationId().toString()), WAIT);
            NotificationStatus s = EventJson.read(record.value(), NotificationStatus.class).payload();
            assertEquals(NotificationStatus.State.FAILED, s.state());
            assertEquals("Slack: channel_not_found", s.error());
        }
        Map<String, Object> d = delivery(n);
        assertEquals("FAILED", d.get("status"));
        assertEquals(1, d.get("attempts"), "a refusal is not retried");
        assertEquals("Slack: channel_not_found", d.get("lastError"));
    }

    @Test
    void anSmsThatNeverGetsThroughFailsAfterTheLastAttempt() {
        String to = "+15550100004";
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH))
                .withRequestBody(containing("To=%2B15550100004")).willReturn(aResponse().withStatus(503)
                        .withBody("down for maintenance")));
        NotificationRequested n = page(title("Down"), new ContactMethod(ContactType.SMS, to, 0));
        try (TopicProbe status = new TopicProbe(Topics.NOTIFICATIONS_STATUS)) {
            publish(n);
            ConsumerRecord<String, String> record = status.await(r -> r.value().contains(
                    n.notificationId().toString()), WAIT);
            assertEquals(NotificationStatus.State.FAILED, EventJson.read(record.value(), NotificationStatus.class)
                    .payload().state());
        }
        Map<String, Object> d = delivery(n);
        assertEquals("FAILED", d.get("status"));
        assertEquals(5, d.get("attempts"));
        assertEquals("Twilio answered 503: down for maintenance", d.get("lastError"));
        assertEquals(5, twilioPosts(to).size());
    }

    @Test
    void aContactMethodWithADelayIsSentWhenDue() {
        String title = title("Delayed");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0NOW", 0),
                new ContactMethod(ContactType.EMAIL, "later@example.com", 3));
        publish(n);
        await().atMost(WAIT).until(() -> slackPosts(title).size() == 1);
        assertTrue(mails(title).isEmpty(), "the email is not due yet");
        await().atMost(WAIT).until(() -> mails(title).size() == 1);
        assertTrue(!Instant.now().isBefore(n.requestedAt().plusSeconds(3)), "sent no sooner than its delay");
    }

    @Test
    void aDeliveryInterruptedMidSendIsSentAgain() {
        String title = title("Interrupted");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0CRASH", 0));
        // not due for an hour, so only the sweep can bring it back
        NotificationRequested later = new NotificationRequested(n.notificationId(), n.kind(), n.incident(),
                n.recipientId(), n.recipientName(), n.contactMethods(), Instant.now().plusSeconds(3600));
        Delivery d = Delivery.pending(later, later.contactMethods().get(0), "[P1] INC-42 " + title, "text",
                Instant.now());
        pool.withTransaction(tx -> repository.insertNew(tx, List.of(d), new DeliveryRepository.Lease("test", Instant.now())))
                .await().atMost(WAIT);
        // a notifier claimed it an hour ago and stopped before the provider answered
        pool.preparedQuery("UPDATE delivery SET status = 'SENDING', attempts = 1, updated_at = now() - "
                + "interval '1 hour' WHERE id = $1").execute(Tuple.of(d.id())).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(n).get("status")));
        assertEquals(1, slackPosts(title).size());
        assertEquals(2, delivery(n).get("attempts"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRequestIsDelivered() {
        String title = title("AfterPoison");
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0AFTER", 0));
        String poison = "{\"not\": \"an event\", \"id\": \"" + UUID.randomUUID() + "\"}";
        try (TopicProbe dlq = new TopicProbe(Topics.deadLetter(Topics.NOTIFICATIONS_REQUESTED))) {
            TopicProbe.send(Topics.NOTIFICATIONS_REQUESTED, n.incident().incidentId().toString(), poison);
            TopicProbe.send(Topics.NOTIFICATIONS_REQUESTED, n.incident().incidentId().toString(), "not json at all");
            publish(n);
            ConsumerRecord<String, String> dead = dlq.await(r -> r.value().equals(poison), WAIT);
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"), "the error travels in the headers");
            dlq.await(r -> r.value().equals("not json at all"), WAIT);
        }
        await().atMost(WAIT).until(() -> slackPosts(title).size() == 1);
        assertEquals("DELIVERED", delivery(n).get("status"));
    }
}
