package dev.klaxon.notifier.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Notification requests as escalation-service sends them, and what the fake providers and the log show. */
public final class Requests {

    public static final Instant STARTED = Instant.parse("2026-11-24T09:00:00Z");

    private Requests() {
    }

    /** A P1 page of a fresh incident INC-42 of service checkout, by the given contact methods. */
    public static NotificationRequested page(String title, ContactMethod... methods) {
        IncidentSummary incident = new IncidentSummary(UUID.randomUUID(), 42, title, "Primary database unreachable",
                Severity.P1, "checkout", "TRIGGERED", STARTED, null, null, null, 0,
                List.of(new Link("dashboard", "https://grafana.example/d/db", "Dashboard")));
        return new NotificationRequested(UUID.randomUUID(), NotificationKind.TRIGGERED, incident, "user-1",
                "Olivia On-call", List.of(methods), Instant.now());
    }

    /** Publishes the request on notifications.requested as escalation-service would, keyed by incident id. */
    public static void publish(NotificationRequested n) {
        TopicProbe.send(Topics.NOTIFICATIONS_REQUESTED, n.incident().incidentId().toString(), EventJson.write(
                EventEnvelope.withId(n.notificationId(), NotificationRequested.EVENT_TYPE, "escalation-service",
                        n.requestedAt(), n)));
    }

    public static List<LoggedRequest> slackPosts(String containing) {
        return FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(FakeProviders.SLACK_PATH))).stream()
                .filter(r -> r.getBodyAsString().contains(containing)).toList();
    }

    public static List<LoggedRequest> twilioPosts(String to) {
        return FakeProviders.http.findAll(postRequestedFor(urlPathEqualTo(FakeProviders.TWILIO_PATH))).stream()
                .filter(r -> to.equals(form(r.getBodyAsString()).get("To"))).toList();
    }

    public static List<MimeMessage> mails(String subjectContaining) {
        return Arrays.stream(FakeProviders.smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectContaining);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The first part of the given MIME type in a message. */
    public static String part(Part message, String mimeType) throws Exception {
        if (message.isMimeType(mimeType)) {
            return message.getContent().toString();
        }
        if (message.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                String found = part(p, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    /** The delivery log of an incident, read as a viewer. */
    public static List<Map<String, Object>> log(NotificationRequested n) {
        return given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/deliveries?incidentId=" + n.incident().incidentId())
                .then().statusCode(200).extract().path("");
    }

    /** The one delivery of an incident (empty while there is none). */
    public static Map<String, Object> delivery(NotificationRequested n) {
        List<Map<String, Object>> log = log(n);
        return log.isEmpty() ? Map.of() : log.get(0);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
