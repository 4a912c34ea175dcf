package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.EventJson;
import dev.klaxon.testkit.TestTokens;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;

/**
 * The foundation's promise, end to end through the four real services: a Grafana alert pages the on-call person on
 * Slack, SMS and email; acknowledging stops the escalation; nobody acknowledging pages the lead; resolving at the
 * source resolves the incident and tells whoever was paged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PageFlowSystemTest.LogsOnFailure.class)
class PageFlowSystemTest {

    /** Long enough that a loaded CI machine delivers the first page and the test acknowledges it within the step. */
    static final int STEP_TIMEOUT_SECONDS = 10;
    static KlaxonSystem system;
    static volatile Instant lastWebhook = Instant.now();
    String grafanaKey;

    @BeforeAll
    void startKlaxonAndLoadConfiguration() {
        system = new KlaxonSystem();
        String olivia = createUser("Olivia On-call", "oncall@example.com", "+15550100001", "U0ONCALL");
        String liam = createUser("Liam Lead", "lead@example.com", "+15550100002", "U0LEAD");
        String chloe = createUser("Chloe CTO", "cto@example.com", "+15550100003", "U0CTO");
        String monday = LocalDate.now().minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                + "T09:00:00";
        String schedule = admin("escalation-service").body(Map.of("name", "Primary on-call", "timeZone",
                "Europe/London", "rotations", List.of(Map.of("name", "weekly", "type", "WEEKLY", "shiftLength", 1,
                        "start", monday, "participants", List.of(olivia)))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        admin("escalation-service").body(Map.of("name", "Default", "isDefault", true, "steps", List.of(
                step("SCHEDULE", schedule), step("USER", liam), step("USER", chloe))))
                .post("/api/v1/escalation-policies").then().statusCode(201);
        grafanaKey = admin("alert-ingest").body(Map.of("name", "Grafana", "sourceType", "grafana", "service",
                "checkout")).post("/api/v1/integrations").then().statusCode(201).extract().path("key");
    }

    @AfterAll
    void stopKlaxon() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void grafanaAlertPagesOnCallEverywhereAcknowledgementStopsEscalationAndSourceResolutionTellsThem() {
        Instant fired = Instant.now();
        fireGrafana("firing", "sys-db-1", "DatabaseDown", "critical", "Primary database unreachable");

        JsonNode slack = awaitSlackTo("U0ONCALL", "DatabaseDown");
        String incidentId = incidentIdWithTitle("DatabaseDown");
        given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.responder())
                .post("/api/v1/incidents/" + incidentId + "/acknowledge").then().statusCode(200);
        assertTrue(slack.toString().contains("P1"), "Slack page names the severity: " + slack);
        LoggedRequest slackRequest = slackRequestsTo("U0ONCALL", "DatabaseDown").get(0).request();
        assertEquals("Bearer " + KlaxonSystem.SLACK_TOKEN, slackRequest.getHeader("Authorization"));

        Map<String, String> sms = awaitSmsTo("+15550100001", "DatabaseDown");
        assertEquals(KlaxonSystem.TWILIO_FROM, sms.get("From"));
        assertTrue(sms.get("Body").contains("P1"), "SMS names the severity: " + sms.get("Body"));

        MimeMessage mail = awaitMailTo("oncall@example.com", "DatabaseDown");
        // alone, the subject names it; bundled with another page due at the same moment, the bundle's lines do
        assertTrue(subject(mail).contains("[P1]")
                || text(mail).matches("(?s).*INC-\\d+ \\[P1\\] [^\\n]*DatabaseDown.*"),
                "the email names the severity: " + subject(mail));

        sleep(Duration.between(Instant.now(), fired.plusSeconds(STEP_TIMEOUT_SECONDS + 3)));
        assertEquals(0, slackRequestsTo("U0LEAD", "DatabaseDown").size(), "acknowledged: the lead is not paged");
        assertTrue(timeline(incidentId).stream().noneMatch(e -> "ESCALATED".equals(e.get("type"))),
                "acknowledged within the step: no escalation on the timeline " + timeline(incidentId));

        List<Map<String, Object>> deliveries = given().baseUri(system.url("notifier-service")).auth()
                .oauth2(TestTokens.viewer()).get("/api/v1/deliveries?incidentId=" + incidentId).then()
                .statusCode(200).extract().path("");
        // the page to the on-call person: Slack, SMS and email (the #incidents announcement and the Slack update
        // on acknowledgement are deliveries of their own)
        assertEquals(List.of("DELIVERED", "DELIVERED", "DELIVERED"), deliveries.stream()
                .filter(d -> "TRIGGERED".equals(d.get("kind")) && "Olivia On-call".equals(d.get("recipientName")))
                .map(d -> (String) d.get("status")).toList(), "delivery log: " + deliveries);
        assertTrue(deliveries.stream().anyMatch(d -> "#incidents".equals(d.get("address"))),
                "the P1 was announced in #incidents: " + deliveries);

        fireGrafana("resolved", "sys-db-1", "DatabaseDown", "critical", "Primary database unreachable");
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(incident(incidentId).get("status")));
        // Slack: the page Olivia got is replaced in place (chat.update), not followed by a new message
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).until(() -> system.providers
                .findAll(postRequestedFor(urlPathEqualTo("/api/chat.update"))).stream()
                .map(r -> r.getBodyAsString()).anyMatch(b -> b.contains("DatabaseDown") && b.contains("RESOLVED")));
        awaitSmsTo("+15550100001", "RESOLVED");
    }

    @Test
    void nobodyAcknowledgingPagesTheLeadAfterTheStepTimeout() {
        fireGrafana("firing", "sys-api-1", "CheckoutApiDown", "critical", "Checkout API is down");
        awaitSlackTo("U0ONCALL", "CheckoutApiDown");
        awaitSlackTo("U0LEAD", "CheckoutApiDown");
        awaitSmsTo("+15550100002", "CheckoutApiDown");
        String incidentId = incidentIdWithTitle("CheckoutApiDown");
        // judged on the escalation service's own clock, so a slow page delivery cannot blur it
        List<Map<String, Object>> timeline = timeline(incidentId);
        Instant triggered = timelineAt(timeline, "TRIGGERED");
        Instant escalated = timelineAt(timeline, "ESCALATED");
        assertTrue(Duration.between(triggered, escalated).toMillis() >= STEP_TIMEOUT_SECONDS * 1000L - 500,
                "the lead is paged only once the on-call step timed out: " + timeline);
        given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.responder())
                .post("/api/v1/incidents/" + incidentId + "/resolve").then().statusCode(200);
    }

    @Test
    void aStormOfAlertsOnOneServiceBecomesOneStormIncidentAfterTheThreshold() {
        String key = admin("alert-ingest").body(Map.of("name", "Grafana storm", "sourceType", "grafana", "service",
                "storm-svc")).post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        int threshold = 10; // triage's default: more than 10 incidents of one service within 5 minutes
        for (int i = 0; i < threshold + 4; i++) {
            fireGrafana(key, "firing", "sys-storm-" + i, "PodCrashLooping" + i, "warning", "Pod " + i + " crash looping");
        }
        await().atMost(Duration.ofSeconds(45)).until(() -> serviceIncidents("storm-svc").stream()
                .anyMatch(i -> ((String) i.get("title")).startsWith("Alert storm on storm-svc")
                        && ((Number) i.get("alertCount")).intValue() == 4));
        sleep(Duration.ofSeconds(2));
        List<Map<String, Object>> incidents = serviceIncidents("storm-svc");
        assertEquals(threshold + 1, incidents.size(), "ten incidents, then one storm holding the rest: "
                + incidents.stream().map(i -> i.get("title")).toList());
        awaitSlackTo("U0ONCALL", "Alert storm on storm-svc");
        for (Map<String, Object> i : incidents) {
            given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.responder())
                    .post("/api/v1/incidents/" + i.get("id") + "/resolve").then().statusCode(200);
        }
    }

    @Test
    void aSlackButtonAcknowledgesAndAnSmsReplyResolves() throws Exception {
        fireGrafana("firing", "sys-pay-1", "PaymentsFailing", "critical", "Payments are failing");
        JsonNode page = awaitSlackTo("U0ONCALL", "PaymentsFailing");
        String incidentId = page.findValues("value").stream().map(JsonNode::asText)
                .filter(v -> v.matches("[0-9a-f-]{36}")).findFirst().orElseThrow();

        String payload = EventJson.write(Map.of("type", "block_actions", "user", Map.of("id", "U0ONCALL",
                "username", "olivia"), "actions", List.of(Map.of("action_id", "incident_acknowledge", "value",
                        incidentId, "type", "button"))));
        String body = "payload=" + java.net.URLEncoder.encode(payload, StandardCharsets.UTF_8);
        long ts = Instant.now().getEpochSecond();
        given().baseUri(system.url("notifier-service")).contentType(ContentType.URLENC)
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", hmacHex("HmacSHA256", KlaxonSystem.SLACK_SIGNING_SECRET,
                        "v0:" + ts + ":" + body, "v0="))
                .body(body).post("/slack/interactions").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(incident(incidentId).get("status")));
        // the Slack user id is Olivia's Slack contact method: the person is named, not the Slack account
        assertEquals("Olivia On-call", incident(incidentId).get("acknowledgedBy"));
        assertTrue(timeline(incidentId).stream().anyMatch(e -> "ACKNOWLEDGED".equals(e.get("type"))
                && "Olivia On-call".equals(e.get("actor"))), "the timeline names Olivia: " + timeline(incidentId));

        Map<String, String> sms = awaitSmsTo("+15550100001", "PaymentsFailing");
        String number = sms.get("Body").replaceAll(".*Reply (\\d+)A.*", "$1");
        Map<String, String> reply = new java.util.TreeMap<>(Map.of("From", "+15550100001", "To",
                KlaxonSystem.TWILIO_FROM, "Body", number + "R", "AccountSid", KlaxonSystem.TWILIO_SID));
        StringBuilder signed = new StringBuilder("http://localhost:8084/sms/inbound");
        reply.forEach((k, v) -> signed.append(k).append(v));
        String form = reply.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        given().baseUri(system.url("notifier-service")).contentType(ContentType.URLENC)
                .header("X-Twilio-Signature", Base64.getEncoder().encodeToString(hmac("HmacSHA1",
                        KlaxonSystem.TWILIO_TOKEN, signed.toString())))
                .body(form).post("/sms/inbound").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Resolved INC-" + number));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(incident(incidentId).get("status")));
    }

    @Test
    void aPagerDutyAcknowledgeEventAcknowledgesTheIncidentStopsTheEscalationAndTellsWhoWasPaged() {
        String routingKey = admin("alert-ingest").body(Map.of("name", "Datadog prod", "sourceType", "pagerduty",
                "service", "checkout")).post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        Instant fired = Instant.now();
        enqueue(routingKey, "trigger", "dd-disk-1", "Disk full on db-7 (Datadog)");
        awaitSlackTo("U0ONCALL", "Disk full on db-7");
        String incidentId = incidentIdWithTitle("Disk full on db-7 (Datadog)");

        enqueue(routingKey, "acknowledge", "dd-disk-1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(incident(incidentId).get("status")));
        assertEquals("Datadog prod", incident(incidentId).get("acknowledgedBy"));
        assertTrue(timeline(incidentId).stream().anyMatch(e -> "ACKNOWLEDGED".equals(e.get("type"))
                && "Acknowledged by Datadog prod via PagerDuty Events API; escalation stopped".equals(e.get("message"))),
                "the timeline says who acknowledged, and how: " + timeline(incidentId));
        // the people paged are told as for an acknowledgement from Slack: Olivia's page is updated in place
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> system.providers
                .findAll(postRequestedFor(urlPathEqualTo("/api/chat.update"))).stream()
                .map(r -> r.getBodyAsString()).anyMatch(b -> b.contains("Disk full on db-7")
                        && b.contains("Acknowledged by Datadog prod")));

        // a later trigger of the same alert is a duplicate: nobody is paged again, and the escalation stays stopped
        enqueue(routingKey, "trigger", "dd-disk-1", "Disk full on db-7 (Datadog)");
        sleep(Duration.between(Instant.now(), fired.plusSeconds(STEP_TIMEOUT_SECONDS + 3)));
        assertEquals(1, slackRequestsTo("U0ONCALL", "Disk full on db-7").size(), "Olivia is paged once");
        assertEquals(0, slackRequestsTo("U0LEAD", "Disk full on db-7").size(), "acknowledged: the lead is not paged");
        assertEquals("ACKNOWLEDGED", incident(incidentId).get("status"));

        enqueue(routingKey, "resolve", "dd-disk-1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(incident(incidentId).get("status")));
    }

    @Test
    void anIntegrationThatDoesNotAcknowledgeIncidentsOnlyRecordsTheAcknowledgement() {
        Map<String, Object> created = admin("alert-ingest").body(Map.of("name", "Zabbix", "sourceType", "pagerduty",
                "service", "checkout", "acknowledgeIncidents", false)).post("/api/v1/integrations").then()
                .statusCode(201).extract().path("");
        assertEquals(false, created.get("acknowledgeIncidents"));
        String routingKey = (String) created.get("key");
        enqueue(routingKey, "trigger", "zbx-1", "Replication lag on db-9 (Zabbix)");
        awaitSlackTo("U0ONCALL", "Replication lag on db-9");
        String incidentId = incidentIdWithTitle("Replication lag on db-9 (Zabbix)");
        enqueue(routingKey, "acknowledge", "zbx-1", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> log = admin("alert-ingest").get("/api/v1/integrations/" + created.get("id")
                    + "/requests").then().statusCode(200).extract().path("");
            return log.stream().anyMatch(r -> String.valueOf(r.get("outcome")).contains("not applied"));
        });
        sleep(Duration.ofSeconds(2));
        assertEquals("TRIGGERED", incident(incidentId).get("status"), "the acknowledgement changed nothing");
        given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.responder())
                .post("/api/v1/incidents/" + incidentId + "/resolve").then().statusCode(200);
    }

    void enqueue(String routingKey, String action, String dedupKey, String summary) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        event.put("dedup_key", dedupKey);
        if (summary != null) {
            event.put("payload", Map.of("summary", summary, "source", "db-7", "severity", "critical"));
        }
        lastWebhook = Instant.now();
        given().baseUri(system.url("alert-ingest")).contentType(ContentType.JSON).body(event).post("/v2/enqueue")
                .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("success"));
    }

    // ---- helpers

    static List<Map<String, Object>> serviceIncidents(String service) {
        return given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents?service=" + service + "&limit=100").then().statusCode(200).extract().path("");
    }

    static byte[] hmac(String algorithm, String key, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacHex(String algorithm, String key, String data, String prefix) throws Exception {
        return prefix + java.util.HexFormat.of().formatHex(hmac(algorithm, key, data));
    }

    static io.restassured.specification.RequestSpecification admin(String service) {
        return given().baseUri(system.url(service)).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    static String createUser(String name, String email, String phone, String slack) {
        return admin("escalation-service").body(Map.of("name", name, "email", email, "phone", phone, "slackUserId",
                slack, "timeZone", "Europe/London")).post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> step(String type, String id) {
        return Map.of("timeoutSeconds", STEP_TIMEOUT_SECONDS, "targets", List.of(Map.of("type", type, "id", id)));
    }

    void fireGrafana(String status, String fingerprint, String alertname, String severity, String summary) {
        fireGrafana(grafanaKey, status, fingerprint, alertname, severity, summary);
    }

    void fireGrafana(String key, String status, String fingerprint, String alertname, String severity,
            String summary) {
        String body = """
                {"receiver":"klaxon","status":"%1$s","orgId":1,"version":"1","groupKey":"{}:{alertname=\\"%3$s\\"}",
                 "truncatedAlerts":0,"externalURL":"http://grafana.example/","alerts":[
                  {"status":"%1$s","labels":{"alertname":"%3$s","severity":"%4$s","service":"checkout"},
                   "annotations":{"summary":"%5$s"},"startsAt":"%6$s","endsAt":"%7$s",
                   "generatorURL":"http://grafana.example/alerting/view","fingerprint":"%2$s",
                   "dashboardURL":"http://grafana.example/d/checkout"}]}
                """.formatted(status, fingerprint, alertname, severity, summary, Instant.now().minusSeconds(60),
                status.equals("resolved") ? Instant.now().toString() : "0001-01-01T00:00:00Z");
        lastWebhook = Instant.now();
        given().baseUri(system.url("alert-ingest")).contentType(ContentType.JSON).body(body)
                .post("/webhooks/grafana/" + key).then().statusCode(202);
    }

    record SlackMessage(LoggedRequest request, JsonNode body) {
    }

    static List<SlackMessage> slackRequestsTo(String channel, String text) {
        return system.providers.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .map(r -> new SlackMessage(r, json(r.getBodyAsString())))
                .filter(m -> channel.equals(m.body().path("channel").asText()) && m.body().toString().contains(text))
                .toList();
    }

    static JsonNode awaitSlackTo(String channel, String text) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100))
                .until(() -> !slackRequestsTo(channel, text).isEmpty());
        System.out.printf("page flow: Slack page to %s about %s seen %d ms after the last webhook%n", channel, text,
                Duration.between(lastWebhook, Instant.now()).toMillis());
        return slackRequestsTo(channel, text).get(0).body();
    }

    static Map<String, String> awaitSmsTo(String to, String text) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .until(() -> smsTo(to, text) != null);
        return smsTo(to, text);
    }

    static Map<String, String> smsTo(String to, String text) {
        return system.providers.findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/"
                + KlaxonSystem.TWILIO_SID + "/Messages.json"))).stream()
                .filter(r -> ("Basic " + Base64.getEncoder().encodeToString((KlaxonSystem.TWILIO_SID + ":"
                        + KlaxonSystem.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)))
                        .equals(r.getHeader("Authorization")))
                .map(r -> form(r.getBodyAsString()))
                .filter(f -> to.equals(f.get("To")) && f.getOrDefault("Body", "").contains(text))
                .findFirst().orElse(null);
    }

    static MimeMessage awaitMailTo(String to, String text) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).until(() -> mailTo(to, text) != null);
        return mailTo(to, text);
    }

    /**
     * The email to that address about that text: a page whose subject has it, or a bundle (several pages to one
     * mailbox due together go as one message) whose lines do.
     */
    static MimeMessage mailTo(String to, String text) {
        return Arrays.stream(system.smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(to))
                        && (subject(m).contains(text) || subject(m).contains(" new incidents: ")
                                && text(m).contains(text));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    static String text(MimeMessage m) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String incidentIdWithTitle(String title) {
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents().stream()
                .anyMatch(i -> title.equals(i.get("title"))));
        return incidents().stream().filter(i -> title.equals(i.get("title"))).map(i -> (String) i.get("id"))
                .findFirst().orElseThrow();
    }

    static List<Map<String, Object>> timeline(String incidentId) {
        return given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents/" + incidentId + "/timeline").then().statusCode(200).extract().path("");
    }

    static Instant timelineAt(List<Map<String, Object>> timeline, String type) {
        return timeline.stream().filter(e -> type.equals(e.get("type"))).map(e -> Instant.parse((String) e.get("at")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " on the timeline " + timeline));
    }

    static List<Map<String, Object>> incidents() {
        return given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents").then().statusCode(200).extract().path("");
    }

    static Map<String, Object> incident(String id) {
        return given().baseUri(system.url("escalation-service")).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents/" + id).then().statusCode(200).extract().path("");
    }

    static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints every service's log tail when a test fails, so CI output explains the failure. */
    static class LogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                System.out.println("Service logs after " + context.getDisplayName() + " failed:" + system.logs());
            }
        }
    }
}
