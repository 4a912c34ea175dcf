package dev.klaxon.escalation;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.restassured.http.ContentType;

/** What the escalation-service tests do over and over: create people and policies, fire signals, await pages. */
public final class TestApi {

    private TestApi() {
    }

    /** A person; null contact fields are left out. */
    public static String createUser(String name, String email, String phone, String slack) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (email != null) {
            body.put("email", email);
        }
        if (phone != null) {
            body.put("phone", phone);
        }
        if (slack != null) {
            body.put("slackUserId", slack);
        }
        body.put("timeZone", "Europe/London");
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    /** A step of a policy: its timeout and its targets as (type, id) pairs. */
    public static Map<String, Object> step(int timeoutSeconds, String... typeAndId) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < typeAndId.length; i += 2) {
            targets.add(Map.of("type", typeAndId[i], "id", typeAndId[i + 1]));
        }
        return Map.of("timeoutSeconds", timeoutSeconds, "targets", targets);
    }

    /** A policy that is not the default, named uniquely; returns its id. */
    @SafeVarargs
    public static String createPolicy(String name, Map<String, Object>... steps) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "isDefault", false, "repeat", 0, "steps", List.of(steps)))
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
    }

    /** Sends a trigger signal for the key, walking the named policy (null: the default). */
    public static void trigger(String key, Severity severity, String policyName) {
        trigger(key, severity, policyName, "checkout");
    }

    /** Sends a trigger signal for the key about a service, walking the named policy (null: the default). */
    public static void trigger(String key, Severity severity, String policyName, String service) {
        signal(IncidentSignal.Action.TRIGGER, key, severity, policyName, service);
    }

    /** Sends what triage sends when an incident's alerts call for a higher severity: an update with that severity. */
    public static void raise(String key, Severity severity, String policyName, String service) {
        signal(IncidentSignal.Action.UPDATE, key, severity, policyName, service);
    }

    private static void signal(IncidentSignal.Action action, String key, Severity severity, String policyName,
            String service) {
        IncidentSignal s = new IncidentSignal(action, key, "DatabaseDown", "Primary unreachable", severity, service,
                policyName, "fp-" + key, "grafana", 1, List.of(), Map.of(), Instant.now(), null, null);
        TopicProbe.send(Topics.INCIDENTS_SIGNALS, key,
                EventJson.write(EventEnvelope.of(s.eventType(), "triage-service", Instant.now(), s)));
    }

    /** The first notification request matching, read from {@code notifications.requested}. */
    public static NotificationRequested awaitNotification(TopicProbe probe, Predicate<NotificationRequested> match) {
        ConsumerRecord<String, String> r = probe.await(rec -> rec.topic().equals(Topics.NOTIFICATIONS_REQUESTED)
                && match.test(EventJson.read(rec.value(), NotificationRequested.class).payload()),
                Duration.ofSeconds(20));
        return EventJson.read(r.value(), NotificationRequested.class).payload();
    }

    /** The first page of this kind to this person about the incident. */
    public static NotificationRequested awaitPage(TopicProbe probe, UUID incidentId, NotificationKind kind,
            String userId) {
        return awaitNotification(probe, n -> n.incident().incidentId().equals(incidentId) && n.kind() == kind
                && userId.equals(n.recipientId()));
    }

    /** Every notification request seen for the incident after waiting a while. */
    public static List<NotificationRequested> notificationsFor(TopicProbe probe, UUID incidentId, Duration wait) {
        return probe.drain(wait).stream().filter(r -> r.topic().equals(Topics.NOTIFICATIONS_REQUESTED))
                .map(r -> EventJson.read(r.value(), NotificationRequested.class).payload())
                .filter(n -> n.incident().incidentId().equals(incidentId)).toList();
    }

    /** The id of the incident opened for a key, once it exists. */
    public static UUID awaitIncident(String key) {
        UUID[] found = new UUID[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> all = given().auth().oauth2(TestTokens.viewer())
                    .get("/api/v1/incidents?limit=500").then().statusCode(200).extract().path("");
            all.stream().filter(i -> key.equals(i.get("incidentKey"))).findFirst()
                    .ifPresent(i -> found[0] = UUID.fromString((String) i.get("id")));
            return found[0] != null;
        });
        return found[0];
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
