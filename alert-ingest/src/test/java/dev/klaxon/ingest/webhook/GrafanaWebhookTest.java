package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class GrafanaWebhookTest {

    static String key;
    static String integrationId;

    @BeforeEach
    void createIntegrationOnce() {
        if (key != null) {
            return;
        }
        var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Grafana prod\",\"sourceType\":\"grafana\",\"service\":\"checkout\","
                        + "\"secret\":\"s3cret\"}")
                .post("/api/v1/integrations").then().statusCode(201)
                .body("sourceType", equalTo("grafana")).body("hasSecret", equalTo(true))
                .extract().jsonPath();
        key = created.getString("key");
        integrationId = created.getString("id");
        assertTrue(key.length() >= 40, "keys are unguessable");
    }

    @Test
    void eachAlertOfAGroupBecomesOneCanonicalEventWithItsOwnStatus() {
        String body = """
                {"receiver":"klaxon","status":"firing","orgId":1,"version":"1","groupKey":"{}:{}",
                 "truncatedAlerts":0,"externalURL":"http://grafana.local/",
                 "alerts":[
                  {"status":"firing","labels":{"alertname":"DatabaseDown","severity":"critical","service":"checkout"},
                   "annotations":{"summary":"Primary database unreachable","description":"No connections for 2m"},
                   "startsAt":"2026-11-24T03:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://grafana.local/alerting/grafana/abc/view","fingerprint":"fp-db-1",
                   "silenceURL":"http://grafana.local/alerting/silence/new","dashboardURL":"http://grafana.local/d/x",
                   "panelURL":"http://grafana.local/d/x?viewPanel=2","values":{"A":0,"B":1}},
                  {"status":"resolved","labels":{"alertname":"HighLatency","severity":"warning"},
                   "annotations":{},"startsAt":"2026-11-24T02:00:00Z","endsAt":"2026-11-24T02:30:00Z",
                   "fingerprint":"fp-lat-1"}
                 ]}""";
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer s3cret").body(body)
                    .post("/webhooks/grafana/" + key).then().statusCode(202).body("count", equalTo(2)).body("alertIds", hasSize(2));

            ConsumerRecord<String, String> firing = probe.await(r -> r.value().contains("fp-db-1"),
                    Duration.ofSeconds(20));
            ConsumerRecord<String, String> resolved = probe.await(r -> r.value().contains("fp-lat-1"),
                    Duration.ofSeconds(20));

            assertEquals(integrationId + ":fp-db-1", firing.key());
            EventEnvelope<NormalizedAlert> e = EventJson.read(firing.value(), NormalizedAlert.class);
            assertEquals("alert.normalized", e.eventType());
            assertEquals("alert-ingest", e.source());
            NormalizedAlert a = e.payload();
            assertEquals("grafana", a.sourceType());
            assertEquals("checkout", a.service());
            assertEquals("fp-db-1", a.dedupKey());
            assertEquals(AlertStatus.FIRING, a.status());
            assertEquals("DatabaseDown", a.title());
            assertEquals("Primary database unreachable\nNo connections for 2m", a.description());
            assertEquals("critical", a.severityHint());
            assertEquals(Instant.parse("2026-11-24T03:00:00Z"), a.occurredAt());
            assertEquals(1.0, a.values().get("B"));
            assertEquals(java.util.List.of("generator", "dashboard", "panel", "silence", "external"),
                    a.links().stream().map(dev.klaxon.events.Link::rel).toList());

            NormalizedAlert r = EventJson.read(resolved.value(), NormalizedAlert.class).payload();
            assertEquals(AlertStatus.RESOLVED, r.status());
            assertEquals(Instant.parse("2026-11-24T02:30:00Z"), r.occurredAt());
        }
    }

    @Test
    void truncatedAlertsIsRecordedOnEveryAlertOfTheRequestAndInTheRequestLog() {
        String body = """
                {"receiver":"klaxon","status":"firing","orgId":1,"version":"1","groupKey":"{}:{}",
                 "truncatedAlerts":7,"externalURL":"http://grafana.local/",
                 "alerts":[
                  {"status":"firing","labels":{"alertname":"QueueFull","queue":"a"},"annotations":{},
                   "startsAt":"2026-11-24T03:00:00Z","fingerprint":"fp-trunc-a"},
                  {"status":"firing","labels":{"alertname":"QueueFull","queue":"b"},"annotations":{},
                   "startsAt":"2026-11-24T03:00:00Z","fingerprint":"fp-trunc-b"}
                 ]}""";
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer s3cret").body(body)
                    .post("/webhooks/grafana/" + key).then().statusCode(202).body("count", equalTo(2));
            for (String fingerprint : java.util.List.of("fp-trunc-a", "fp-trunc-b")) {
                NormalizedAlert a = EventJson.read(probe.await(r -> r.value().contains(fingerprint),
                        Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
                assertEquals(java.util.Map.of("klaxon.truncatedAlerts", "7"), a.annotations());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/integrations/" + integrationId + "/requests").then().extract().jsonPath()
                .getList("outcome", String.class).stream().anyMatch(o -> o.contains("truncatedAlerts")));
        String outcome = given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/integrations/" + integrationId + "/requests").then().statusCode(200).extract()
                .jsonPath().getList("outcome", String.class).stream().filter(o -> o.contains("truncatedAlerts"))
                .findFirst().orElseThrow();
        assertEquals("accepted 2 alert(s); the sender left 7 more alert(s) of this group out (truncatedAlerts)",
                outcome);
    }

    @Test
    void aRelativeGeneratorUrlIsJoinedWithExternalUrlAndEveryLinkIsKept() {
        String body = """
                {"receiver":"klaxon","status":"firing","orgId":1,"version":"1","groupKey":"{}:{}",
                 "truncatedAlerts":0,"externalURL":"https://grafana.example.com/grafana/","appVersion":"12.4.2",
                 "alerts":[
                  {"status":"firing","labels":{"alertname":"TestAlert","instance":"Grafana"},
                   "annotations":{"summary":"Notification test"},"startsAt":"2026-11-24T03:00:00Z",
                   "endsAt":"0001-01-01T00:00:00Z","generatorURL":"?orgId=1","fingerprint":"fp-rel-query",
                   "silenceURL":"https://grafana.example.com/grafana/alerting/silence/new?matcher=alertname%3DTestAlert",
                   "dashboardURL":"","panelURL":"","imageURL":"https://grafana.example.com/grafana/public/img/attachments/x.png",
                   "values":{"B":22,"C":1},"valueString":"[ var='B' value=22 ], [ var='C' value=1 ]"},
                  {"status":"firing","labels":{"alertname":"DiskFull"},"annotations":{},
                   "startsAt":"2026-11-24T03:00:00Z","generatorURL":"/alerting/grafana/disk/view?orgId=1",
                   "fingerprint":"fp-rel-path"},
                  {"status":"firing","labels":{"alertname":"CpuHigh"},"annotations":{},
                   "startsAt":"2026-11-24T03:00:00Z","generatorURL":"https://other.example/alerting/cpu/view",
                   "fingerprint":"fp-abs"}
                 ]}""";
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer s3cret").body(body)
                    .post("/webhooks/grafana/" + key).then().statusCode(202).body("count", equalTo(3));
            ConsumerRecord<String, String> record = probe.await(r -> r.value().contains("fp-rel-query"),
                    Duration.ofSeconds(20));
            NormalizedAlert a = EventJson.read(record.value(), NormalizedAlert.class).payload();
            NormalizedAlert expected = new NormalizedAlert(a.alertId(), "grafana", integrationId, "checkout",
                    "fp-rel-query", AlertStatus.FIRING, "TestAlert", "Notification test", null,
                    java.util.Map.of("alertname", "TestAlert", "instance", "Grafana"),
                    java.util.Map.of("summary", "Notification test"),
                    java.util.List.of(new Link("generator", "https://grafana.example.com/grafana/?orgId=1", "Source"),
                            new Link("silence", "https://grafana.example.com/grafana/alerting/silence/new"
                                    + "?matcher=alertname%3DTestAlert", "Silence"),
                            new Link("image", "https://grafana.example.com/grafana/public/img/attachments/x.png",
                                    "Image"),
                            new Link("external", "https://grafana.example.com/grafana/", "Grafana")),
                    java.util.Map.of("B", 22.0, "C", 1.0), Instant.parse("2026-11-24T03:00:00Z"), a.receivedAt(), "Grafana prod",
                    "Grafana");
            assertEquals(expected, a);

            NormalizedAlert path = EventJson.read(probe.await(r -> r.value().contains("fp-rel-path"),
                    Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
            assertEquals("https://grafana.example.com/grafana/alerting/grafana/disk/view?orgId=1",
                    path.links().get(0).href());
            NormalizedAlert absolute = EventJson.read(probe.await(r -> r.value().contains("fp-abs"),
                    Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
            assertEquals("https://other.example/alerting/cpu/view", absolute.links().get(0).href());
        }
    }

    @Test
    void withASecretTheSenderMustProveItKnowsIt() {
        String body = "{\"version\":\"1\",\"alerts\":[]}";
        given().contentType(ContentType.JSON).body(body).post("/webhooks/grafana/" + key).then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(body)
                .post("/webhooks/grafana/" + key).then().statusCode(401);
        String signature = hmac("s3cret", body);
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", signature).body(body)
                .post("/webhooks/grafana/" + key).then().statusCode(202).body("status", equalTo("ignored"));
    }

    static String hmac(String key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unknownKeyIsNotFound() {
        given().contentType(ContentType.JSON).body("{\"alerts\":[]}").post("/webhooks/grafana/nope").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsABadRequestNamingTheBody() {
        given().contentType(ContentType.JSON).body("{\"alerts\": [").post("/webhooks/grafana/" + key).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void alertWithoutStatusIsABadRequestNamingTheField() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer s3cret")
                .body("{\"alerts\":[{\"labels\":{}}]}").post("/webhooks/grafana/" + key).then()
                .statusCode(400).body("errors[0].field", equalTo("alerts[0].status"));
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        given().contentType(ContentType.JSON).body(deep).post("/webhooks/grafana/" + key).then().statusCode(400);
    }

    @Test
    void keyOfAnotherSourceTypeIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"title\":\"x\"}").post("/webhooks/generic/" + key).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void adminApiNeedsAToken() {
        given().get("/api/v1/integrations").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"sourceType\":\"grafana\",\"service\":\"s\"}")
                .post("/api/v1/integrations").then().statusCode(403);
    }

    @Test
    void secretsAreNeverReturned() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/integrations/" + integrationId).then()
                .statusCode(200).body("secret", org.hamcrest.Matchers.nullValue())
                .body("hasSecret", equalTo(true));
    }
}
