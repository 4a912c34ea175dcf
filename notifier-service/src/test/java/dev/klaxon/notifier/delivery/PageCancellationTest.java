package dev.klaxon.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.page;
import static dev.klaxon.notifier.testing.Requests.publish;
import static dev.klaxon.notifier.testing.Requests.slackPosts;
import static dev.klaxon.notifier.testing.Requests.sleep;
import static dev.klaxon.notifier.testing.Requests.twilioPosts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Topics;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Pages still waiting when their incident is acknowledged or resolved are cancelled, from a lifecycle event on the
 * real topic to what the SMTP server and Twilio did (not) receive.
 */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class PageCancellationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** How long the email waits after the Slack page: long enough to acknowledge before it is due. */
    static final int EMAIL_DELAY_SECONDS = 6;

    @Inject
    Pool pool;

    @BeforeEach
    void providersAccept() {
        FakeProviders.http.resetAll();
        for (String path : List.of(FakeProviders.SLACK_PATH, "/api/chat.update")) {
            FakeProviders.http.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":true,\"channel\":\"D0ONCALL\",\"ts\":\"1700000000.000200\"}")));
        }
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A lifecycle event of the incident of a page, as escalation-service announces it. */
    static EventEnvelope<IncidentLifecycle> lifecycle(NotificationRequested n, IncidentLifecycle.Type type) {
        var i = n.incident();
        String status = type == IncidentLifecycle.Type.RESOLVED ? "RESOLVED"
                : type == IncidentLifecycle.Type.ACKNOWLEDGED ? "ACKNOWLEDGED" : i.status();
        IncidentLifecycle e = new IncidentLifecycle(type, i.incidentId(), i.number(), "key", i.title(), i.severity(),
                i.service(), status, "ana", "slack", Instant.now(), null);
        return EventEnvelope.of(e.eventType(), "escalation-service", e.at(), e);
    }

    static void publishLifecycle(EventEnvelope<IncidentLifecycle> e) {
        TopicProbe.send(Topics.INCIDENTS_LIFECYCLE, e.payload().incidentId().toString(), EventJson.write(e));
    }

    /** A further request about the same incident, of another kind, requested now. */
    static NotificationRequested another(NotificationRequested n, NotificationKind kind, ContactMethod... methods) {
        return new NotificationRequested(UUID.randomUUID(), kind, n.incident(), n.recipientId(), n.recipientName(),
                List.of(methods), Instant.now());
    }

    /** The delivery row of a notification to an address: status, last error, attempts, updated at. */
    Map<String, Object> row(NotificationRequested n, String address) {
        List<Row> rows = pool.preparedQuery("SELECT status, last_error, attempts, updated_at FROM delivery "
                + "WHERE notification_id = $1 AND address = $2").execute(Tuple.of(n.notificationId(), address))
                .await().indefinitely().stream().toList();
        if (rows.isEmpty()) {
            return Map.of("status", "NONE");
        }
        Row r = rows.get(0);
        return Map.of("status", r.getString("status"), "error", String.valueOf(r.getString("last_error")),
                "attempts", r.getInteger("attempts"), "updated", r.getOffsetDateTime("updated_at").toInstant());
    }

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(FakeProviders.smtp.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until the email delay of a request has passed, with room for a pass that would have sent it. */
    static void waitPastTheDelay(NotificationRequested n) {
        Duration left = Duration.between(Instant.now(), n.requestedAt().plusSeconds(EMAIL_DELAY_SECONDS));
        sleep(Math.max(0, left.toMillis()) + 2500);
    }

    @Test
    void aDelayedEmailIsNotSentWhenTheIncidentIsAcknowledgedBeforeItIsDue() {
        String title = unique("AckedFirst");
        String email = unique("acked") + "@example.com";
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0ACKFIRST", 0),
                new ContactMethod(ContactType.EMAIL, email, EMAIL_DELAY_SECONDS));
        publish(n);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(row(n, "U0ACKFIRST").get("status")));
        assertEquals("PENDING", row(n, email).get("status"), "the email waits for its delay");

        publishLifecycle(lifecycle(n, IncidentLifecycle.Type.ACKNOWLEDGED));
        await().atMost(WAIT).until(() -> "CANCELLED".equals(row(n, email).get("status")));
        waitPastTheDelay(n);

        assertEquals(0, mailsTo(email).size(), "the email was never sent");
        Map<String, Object> cancelled = row(n, email);
        assertEquals("CANCELLED", cancelled.get("status"));
        assertEquals("incident INC-42 acknowledged by ana before this page was due; not sent", cancelled.get("error"));
        assertEquals(0, cancelled.get("attempts"));
        assertEquals("DELIVERED", row(n, "U0ACKFIRST").get("status"), "what was sent stays as it was");
        assertEquals(1, slackPosts("U0ACKFIRST").size());

        // the delivery log takes the new status as a filter
        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.viewer())
                .queryParam("incidentId", n.incident().incidentId().toString()).queryParam("status", "CANCELLED")
                .get("/api/v1/deliveries").then().statusCode(200).extract().path("");
        assertEquals(1, log.size(), log.toString());
        assertEquals(email, log.get(0).get("address"));
        assertEquals("EMAIL", log.get(0).get("channel"));
        assertEquals("incident INC-42 acknowledged by ana before this page was due; not sent",
                log.get(0).get("lastError"));
    }

    @Test
    void aDelayedEmailIsNotSentWhenTheIncidentIsResolvedBeforeItIsDueButADelayedUpdateStillIs() {
        String title = unique("ResolvedFirst");
        String email = unique("resolved") + "@example.com";
        String updates = unique("updates") + "@example.com";
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0RESFIRST", 0),
                new ContactMethod(ContactType.EMAIL, email, EMAIL_DELAY_SECONDS));
        NotificationRequested update = another(n, NotificationKind.UPDATE,
                new ContactMethod(ContactType.EMAIL, updates, EMAIL_DELAY_SECONDS));
        publish(n);
        publish(update);
        await().atMost(WAIT).until(() -> "DELIVERED".equals(row(n, "U0RESFIRST").get("status"))
                && "PENDING".equals(row(update, updates).get("status")));
        assertEquals("PENDING", row(n, email).get("status"));

        publishLifecycle(lifecycle(n, IncidentLifecycle.Type.RESOLVED));
        await().atMost(WAIT).until(() -> "CANCELLED".equals(row(n, email).get("status")));
        waitPastTheDelay(update);

        assertEquals(0, mailsTo(email).size(), "the page was never sent");
        assertEquals("incident INC-42 resolved by ana before this page was due; not sent", row(n, email).get("error"));
        await().atMost(WAIT).until(() -> mailsTo(updates).size() == 1);
        assertEquals("DELIVERED", row(update, updates).get("status"), "an update is not a page: it still goes");
    }

    @Test
    void aPageWaitingForARetryIsNotRetriedOnceTheIncidentIsAcknowledged() {
        String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH))
                .withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
                        .withBody("{\"message\":\"Too Many Requests\"}")));
        NotificationRequested n = page(unique("Retrying"), new ContactMethod(ContactType.SMS, phone, 0));
        publish(n);
        await().atMost(WAIT).until(() -> "PENDING".equals(row(n, phone).get("status"))
                && Integer.valueOf(1).equals(row(n, phone).get("attempts")));

        publishLifecycle(lifecycle(n, IncidentLifecycle.Type.ACKNOWLEDGED));
        await().atMost(WAIT).until(() -> "CANCELLED".equals(row(n, phone).get("status")));
        assertEquals(1, twilioPosts(phone).size(), "tried once, never again");
        assertEquals(1, row(n, phone).get("attempts"));
    }

    @Test
    void theSameAcknowledgementConsumedAgainChangesNothingNotEvenAPageRequestedAfterIt() {
        String title = unique("AckedTwice");
        String email = unique("twice") + "@example.com";
        String later = unique("later") + "@example.com";
        NotificationRequested n = page(title, new ContactMethod(ContactType.SLACK, "U0ACKTWICE", 0),
                new ContactMethod(ContactType.EMAIL, email, EMAIL_DELAY_SECONDS));
        publish(n);
        await().atMost(WAIT).until(() -> "PENDING".equals(row(n, email).get("status")));
        EventEnvelope<IncidentLifecycle> ack = lifecycle(n, IncidentLifecycle.Type.ACKNOWLEDGED);
        publishLifecycle(ack);
        await().atMost(WAIT).until(() -> "CANCELLED".equals(row(n, email).get("status")));
        Map<String, Object> cancelled = row(n, email);

        // the acknowledged incident escalates again (its resolve target passed): a page requested after the ack
        sleep(50);
        NotificationRequested escalated = another(n, NotificationKind.ESCALATED,
                new ContactMethod(ContactType.EMAIL, later, EMAIL_DELAY_SECONDS));
        publish(escalated);
        await().atMost(WAIT).until(() -> "PENDING".equals(row(escalated, later).get("status")));

        publishLifecycle(ack);
        // lifecycle events of one incident are consumed in order: once the next one is announced, the copy was read
        EventEnvelope<IncidentLifecycle> marker = lifecycle(n, IncidentLifecycle.Type.SEVERITY_RAISED);
        publishLifecycle(marker);
        await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT count(*) FROM delivery WHERE incident_id = $1 "
                + "AND kind = 'UPDATE'").execute(Tuple.of(n.incident().incidentId())).await().indefinitely()
                .iterator().next().getLong(0) > 0);

        assertEquals(cancelled, row(n, email), "the cancelled row is untouched, its time included");
        assertTrue(List.of("PENDING", "SENDING", "DELIVERED").contains(row(escalated, later).get("status")),
                "the page requested after the acknowledgement is not cancelled: " + row(escalated, later));
        await().atMost(WAIT).until(() -> mailsTo(later).size() == 1);
        assertEquals("DELIVERED", row(escalated, later).get("status"));
        assertEquals(0, mailsTo(email).size());
    }
}
