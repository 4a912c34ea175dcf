package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Each sender's own request, over HTTP, for each status it can send, and the exact canonical alert that reaches the
 * real {@code alerts.normalized} topic: identity, status, title and the sender's severity.
 */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class EverySenderToKafkaTest {

    static final Map<String, String> KEYS = new HashMap<>();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            alertmanager | firing   | FIRING   | fp-{id}              | HighErrorRate        | critical
            alertmanager | resolved | RESOLVED | fp-{id}              | HighErrorRate        | critical
            sentry       | issue.created      | FIRING       | issue:{id}  | TypeError: x is undefined | error
            sentry       | issue.resolved     | RESOLVED     | issue:{id}  | TypeError: x is undefined | error
            sentry       | issue.ignored      | ACKNOWLEDGED | issue:{id}  | TypeError: x is undefined | error
            sentry       | event_alert        | FIRING       | issue:{id}  | Checkout exploded    | fatal
            sentry       | metric_alert.critical | FIRING    | metric:{id} | Error count high     | critical
            sentry       | metric_alert.resolved | RESOLVED  | metric:{id} | Error count high     |
            sentry       | error              | FIRING       | issue:{id}  | KeyError: 'sku'      | error
            uptime-kuma  | down-json          | FIRING       | monitor:{id} | shop is down        |
            uptime-kuma  | up-multipart       | RESOLVED     | monitor:{id} | shop is up          |
            uptimerobot  | down-query         | FIRING       | monitor:{id} | api (prod) is down  |
            uptimerobot  | up-form            | RESOLVED     | monitor:{id} | api (prod) is up    |
            uptimerobot  | ssl-json           | FIRING       | monitor:{id} | api (prod): SSL certificate expiring | warning
            pingdom      | DOWN               | FIRING       | check:{id}  | Shop is down         | high
            pingdom      | UP                 | RESOLVED     | check:{id}  | Shop is up           |
            generic      | acknowledged       | ACKNOWLEDGED | {id}        | Queue backlog        | P2
            """)
    void eachSenderAndStatusBecomesTheExpectedCanonicalAlert(String source, String variant, AlertStatus status,
            String dedupPattern, String title, String severity) {
        String id = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String key = KEYS.computeIfAbsent(source, s -> given().auth().oauth2(TestTokens.admin())
                .contentType("application/json").body(Map.of("name", s, "sourceType", s, "service", "web"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key"));
        String dedupKey = dedupPattern.replace("{id}", id);
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            request(source, variant, id).post("/webhooks/" + source + "/" + key).then().statusCode(202);
            NormalizedAlert a = EventJson.read(probe.await(r -> r.value().contains("\"dedupKey\":\"" + dedupKey + "\""),
                    Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
            assertEquals(source, a.sourceType());
            assertEquals("web", a.service());
            assertEquals(status, a.status());
            assertEquals(title, a.title());
            assertEquals(severity, a.severityHint());
        }
    }

    static RequestSpecification request(String source, String variant, String id) {
        RequestSpecification json = given().contentType("application/json");
        return switch (source + ":" + variant) {
            case "alertmanager:firing", "alertmanager:resolved" -> json.body("""
                    {"version":"4","status":"%1$s","receiver":"klaxon","groupKey":"{}:{alertname=\\"HighErrorRate\\"}",
                     "alerts":[{"status":"%1$s","labels":{"alertname":"HighErrorRate","severity":"critical"},
                     "annotations":{},"startsAt":"2026-11-24T10:00:00Z","endsAt":"2026-11-24T11:00:00Z",
                     "fingerprint":"fp-%2$s"}]}""".formatted(variant, id));
            case "sentry:issue.created", "sentry:issue.resolved", "sentry:issue.ignored" -> json
                    .header("Sentry-Hook-Resource", "issue").body("""
                            {"action":"%s","data":{"issue":{"id":"%s","title":"TypeError: x is undefined",
                             "level":"error","status":"unresolved","project":{"slug":"web"}}}}"""
                            .formatted(variant.substring(6), id));
            case "sentry:event_alert" -> json.header("Sentry-Hook-Resource", "event_alert").body("""
                    {"action":"triggered","data":{"event":{"issue_id":"%s","event_id":"e1","title":"Checkout exploded",
                     "level":"fatal"},"triggered_rule":"Page on fatal"}}""".formatted(id));
            case "sentry:metric_alert.critical", "sentry:metric_alert.resolved" -> json
                    .header("Sentry-Hook-Resource", "metric_alert").body("""
                            {"action":"%s","data":{"metric_alert":{"id":"%s","status":2,"title":"Error count high",
                             "alert_rule":{"id":"9","name":"errors"}},"description_text":"120 errors"}}"""
                            .formatted(variant.substring(13), id));
            case "sentry:error" -> json.header("Sentry-Hook-Resource", "error").body("""
                    {"action":"created","data":{"error":{"issue_id":"%s","title":"KeyError: 'sku'","level":"error"}}}"""
                    .formatted(id));
            case "uptime-kuma:down-json" -> json.body("""
                    {"heartbeat":{"monitorID":%1$s,"status":0,"time":"2026-11-24 10:00:00.000","msg":"timeout"},
                     "monitor":{"id":%1$s,"name":"shop","url":"https://shop.example"},"msg":"[shop] [🔴 Down] timeout"}"""
                    .formatted(id));
            case "uptime-kuma:up-multipart" -> given().multiPart("data", """
                    {"heartbeat":{"monitorID":%1$s,"status":1,"msg":"200 - OK"},"monitor":{"id":%1$s,"name":"shop"},
                     "msg":"[shop] [✅ Up] 200 - OK"}""".formatted(id));
            case "uptimerobot:down-query" -> given().queryParam("monitorID", id).queryParam("alertType", "1")
                    .queryParam("monitorFriendlyName", "api &#40;prod&#41;").queryParam("alertDetails", "HTTP 500");
            case "uptimerobot:up-form" -> given().contentType("application/x-www-form-urlencoded")
                    .formParam("monitorID", id).formParam("alertType", "2")
                    .formParam("monitorFriendlyName", "api (prod)");
            case "uptimerobot:ssl-json" -> json.body("""
                    {"monitorID":"%s","alertType":"3","monitorFriendlyName":"api (prod)"}""".formatted(id));
            case "pingdom:DOWN", "pingdom:UP" -> json.body("""
                    {"check_id":%s,"check_name":"Shop","check_type":"HTTP","current_state":"%s","previous_state":"UP",
                     "state_changed_timestamp":1763978400,"importance_level":"HIGH","description":"timeout"}"""
                    .formatted(id, variant).replace("\"importance_level\":\"HIGH\",", variant.equals("UP") ? ""
                            : "\"importance_level\":\"HIGH\","));
            case "generic:acknowledged" -> json.body("""
                    {"title":"Queue backlog","status":"acknowledged","dedupKey":"%s","severity":"P2"}"""
                    .formatted(id));
            default -> throw new IllegalArgumentException(source + ":" + variant);
        };
    }
}
