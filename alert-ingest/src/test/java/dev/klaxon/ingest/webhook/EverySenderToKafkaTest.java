package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Each sender's own request, over HTTP, for each status it can send, and the canonical alert that reaches the real
 * {@code alerts.normalized} topic: identity, status, title and the sender's severity for every status, the whole
 * event for one request per sender, and nothing at all for the messages that page nobody.
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
            sentry       | metric_alert.warning  | FIRING    | metric:{id} | Error count high     | warning
            sentry       | metric_alert.resolved | RESOLVED  | metric:{id} | Error count high     |
            sentry       | issue.assigned     | FIRING       | issue:{id}  | TypeError: x is undefined | error
            sentry       | issue.archived     | ACKNOWLEDGED | issue:{id}  | TypeError: x is undefined | error
            sentry       | issue.unresolved   | FIRING       | issue:{id}  | TypeError: x is undefined | error
            sentry       | legacy-plugin      | FIRING       | issue:{id}  | ZeroDivisionError: division by zero | error
            grafana      | legacy-alerting    | FIRING       | rule:1:{id}:5:2 | Disk usage high  | warning
            grafana      | legacy-ok          | RESOLVED     | rule:1:{id}:5:2 | Disk usage high  | warning
            pagerduty    | trigger            | FIRING       | pd-{id}     | Payments API down    | critical
            pagerduty    | acknowledge        | ACKNOWLEDGED | pd-{id}     | PagerDuty acknowledge of pd-{id} |
            pagerduty    | resolve            | RESOLVED     | pd-{id}     | PagerDuty resolve of pd-{id} |
            sentry       | error              | FIRING       | issue:{id}  | KeyError: 'sku'      | error
            uptime-kuma  | down-json          | FIRING       | monitor:{id} | shop is down        |
            uptime-kuma  | up-multipart       | RESOLVED     | monitor:{id} | shop is up          |
            uptimerobot  | down-query         | FIRING       | monitor:{id} | api (prod) is down  |
            uptimerobot  | up-form            | RESOLVED     | monitor:{id} | api (prod) is up    |
            uptimerobot  | ssl-json           | FIRING       | monitor:{id} | api (prod): SSL certificate expiring | warning
            pingdom      | DOWN               | FIRING       | check:{id}  | Shop is down         | high
            pingdom      | UP                 | RESOLVED     | check:{id}  | Shop is up           |
            betterstack  | acknowledged       | ACKNOWLEDGED | incident:{id} | Shop homepage: Status 502 |
            generic      | firing             | FIRING       | {id}        | Queue backlog        | P2
            generic      | acknowledged       | ACKNOWLEDGED | {id}        | Queue backlog        | P2
            generic      | resolved           | RESOLVED     | {id}        | Queue backlog        | P2
            """)
    void eachSenderAndStatusBecomesTheExpectedCanonicalAlert(String source, String variant, AlertStatus status,
            String dedupPattern, String title, String severity) {
        String id = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String key = key(source);
        String dedupKey = dedupPattern.replace("{id}", id);
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            post(source, variant, id, key).then().statusCode(202);
            NormalizedAlert a = EventJson.read(probe.await(r -> r.value().contains("\"dedupKey\":\"" + dedupKey + "\""),
                    Duration.ofSeconds(20)).value(), NormalizedAlert.class).payload();
            assertEquals(source, a.sourceType());
            assertEquals("web", a.service());
            assertEquals(status, a.status());
            assertEquals(title.replace("{id}", id), a.title());
            assertEquals(severity, a.severityHint());
        }
    }

    /**
     * Messages a sender uses for other things than alerts (installs, comments, tests) or for states that must not
     * page (pending, paused, no data, maintenance): answered {@code 202 ignored}, and nothing reaches the topic.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sentry       | installation
            sentry       | comment
            grafana      | legacy-pending
            grafana      | legacy-paused
            grafana      | legacy-no_data
            uptime-kuma  | pending
            uptime-kuma  | maintenance
            uptime-kuma  | test-message
            """)
    void messagesThatPageNobodyAreAnsweredAndNothingReachesTheTopic(String source, String variant) {
        String id = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String key = key(source);
        try (TopicWindow window = new TopicWindow(Topics.ALERTS_NORMALIZED)) {
            post(source, variant, id, key).then().statusCode(202).body("status", equalTo("ignored"))
                    .body("count", equalTo(0)).body("alertIds", hasSize(0));
            List<String> integrationRecords = window.sinceOpened().stream().map(r -> r.value())
                    .filter(v -> v.contains(integrationIds.get(source))).toList();
            assertEquals(List.of(), integrationRecords, "an ignored message must put nothing on the topic");
        }
    }

    /**
     * One request per sender whose every field is known, and the whole canonical event it becomes: labels,
     * annotations, links, description, values and the time it happened, as well as identity and status.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "alertmanager", "sentry", "uptime-kuma", "uptimerobot", "pingdom", "betterstack",
            "pagerduty", "generic", "grafana-legacy" })
    void eachSendersWholeCanonicalEventIsExact(String sender) {
        String source = sender.equals("grafana-legacy") ? "grafana" : sender;
        String id = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String key = key(source);
        String integrationId = integrationIds.get(source);
        Instant before = Instant.now();
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            String alertId = post(source, "full", id, key).then().statusCode(202).extract()
                    .path(source.equals("pagerduty") ? "dedup_key" : "alertIds[0]");
            String dedupKey = expected(sender, id, integrationId, null, null).dedupKey();
            NormalizedAlert actual = EventJson.read(probe.await(r -> r.value().contains(integrationId)
                    && r.value().contains("\"dedupKey\":\"" + dedupKey + "\""), Duration.ofSeconds(20)).value(),
                    NormalizedAlert.class).payload();
            if (!source.equals("pagerduty")) {
                assertEquals(alertId, actual.alertId(), "the id answered is the id of the event");
            }
            Instant receivedAt = actual.receivedAt();
            assertTrue(!receivedAt.isBefore(before.minusSeconds(1)) && !receivedAt.isAfter(Instant.now()),
                    "received at the time of the request");
            NormalizedAlert expected = expected(sender, id, integrationId, actual.alertId(), receivedAt);
            assertEquals(expected, actual);
        }
    }

    static NormalizedAlert expected(String sender, String id, String integrationId, String alertId,
            Instant receivedAt) {
        // each integration of this test is named after its source type
        String source = sender.equals("grafana-legacy") ? "grafana" : sender;
        return withoutOrigin(sender, id, integrationId, alertId, receivedAt).toBuilder().integrationName(source)
                .senderName(SourceType.fromPath(source).orElseThrow().label()).build();
    }

    private static NormalizedAlert withoutOrigin(String sender, String id, String integrationId, String alertId,
            Instant receivedAt) {
        return switch (sender) {
            case "alertmanager" -> new NormalizedAlert(alertId, "alertmanager", integrationId, "web", "fp-" + id,
                    AlertStatus.FIRING, "HighErrorRate", "5% of requests fail\nThe api answers 500 to checkout",
                    "critical", Map.of("alertname", "HighErrorRate", "severity", "critical", "job", "api"),
                    Map.of("summary", "5% of requests fail", "description", "The api answers 500 to checkout",
                            "runbook_url", "https://runbooks.example/api-errors", "klaxon.truncatedAlerts", "2"),
                    List.of(new Link("generator", "http://prometheus:9090/graph?g0.expr=errors", "Source"),
                            new Link("external", "http://alertmanager:9093", "Alertmanager")),
                    Map.of(), Instant.parse("2026-11-24T10:00:00Z"), receivedAt, null, null);
            case "sentry" -> new NormalizedAlert(alertId, "sentry", integrationId, "web", "issue:" + id,
                    AlertStatus.FIRING, "TypeError: x is undefined", "app/checkout.js in pay", "error",
                    Map.of("project", "web", "short_id", "WEB-" + id, "sentry_action", "created",
                            "assigned_to", "Ana"),
                    Map.of(), List.of(new Link("source", "https://sentry.example/issues/" + id + "/", "Sentry issue")),
                    Map.of(), receivedAt, receivedAt, null, null);
            case "uptime-kuma" -> new NormalizedAlert(alertId, "uptime-kuma", integrationId, "web", "monitor:" + id,
                    AlertStatus.FIRING, "shop is down", "timeout of 48000ms exceeded", null,
                    Map.of("monitor_type", "http", "hostname", "shop.example"), Map.of(),
                    List.of(new Link("monitored", "https://shop.example/health", "shop")), Map.of(),
                    Instant.parse("2026-11-24T10:00:00Z"), receivedAt, null, null);
            case "uptimerobot" -> new NormalizedAlert(alertId, "uptimerobot", integrationId, "web", "monitor:" + id,
                    AlertStatus.FIRING, "api & co is down", "HTTP 503 <Service Unavailable>", null,
                    Map.of("monitor_id", id), Map.of(),
                    List.of(new Link("monitored", "https://api.example/", "api & co")), Map.of(),
                    Instant.ofEpochSecond(1763978400), receivedAt, null, null);
            case "pingdom" -> new NormalizedAlert(alertId, "pingdom", integrationId, "web", "check:" + id,
                    AlertStatus.FIRING, "Shop is down", "timeout\nConnection timed out after 30 s", "high",
                    Map.of("check_id", id, "check_type", "HTTP", "previous_state", "UP"), Map.of(),
                    List.of(new Link("monitored", "https://shop.example/", "Shop")), Map.of(),
                    Instant.ofEpochSecond(1763978400), receivedAt, null, null);
            case "betterstack" -> new NormalizedAlert(alertId, "betterstack", integrationId, "web", "incident:" + id,
                    AlertStatus.FIRING, "Shop homepage: Status 502", "Status 502", null,
                    Map.of("incident_id", id, "monitor_id", "77", "http_method", "get"), Map.of(),
                    List.of(new Link("monitored", "https://shop.example/", "Shop homepage")), Map.of(),
                    Instant.parse("2026-11-24T10:00:00Z"), receivedAt, null, null);
            case "pagerduty" -> new NormalizedAlert(alertId, "pagerduty", integrationId, "web", "pd-" + id,
                    AlertStatus.FIRING, "Payments API down", "{\"region\":\"eu-west-1\",\"errors\":42}", "critical",
                    Map.of("source", "api-1", "component", "payments", "group", "prod", "class", "http"),
                    Map.of("region", "eu-west-1", "errors", "42"),
                    List.of(new Link("link", "https://dash.example/payments", "Dashboard"),
                            new Link("image", "https://dash.example/payments.png", "Error graph")),
                    Map.of(), Instant.parse("2026-11-24T10:00:00Z"), receivedAt, null, null);
            case "generic" -> new NormalizedAlert(alertId, "generic", integrationId, "web", "backlog-" + id,
                    AlertStatus.FIRING, "Queue backlog", "12,000 messages waiting", "P2",
                    Map.of("queue", "orders", "severity", "high"), Map.of("runbook", "drain the queue"),
                    List.of(new Link("link", "https://grafana.example/d/queues", "Queues")),
                    Map.of("depth", 12000.0), Instant.parse("2026-11-24T10:00:00Z"), receivedAt, null, null);
            case "grafana-legacy" -> new NormalizedAlert(alertId, "grafana", integrationId, "web",
                    "rule:1:" + id + ":5:2", AlertStatus.FIRING, "Disk usage high", "Disk on db-1 is 93% full",
                    "warning", Map.of("severity", "warning", "team", "storage"), Map.of(),
                    List.of(new Link("generator", "https://grafana.example/d/disk?viewPanel=2", "Rule"),
                            new Link("image", "https://grafana.example/render/disk.png", "Image")),
                    Map.of("disk.used", 93.0), receivedAt, receivedAt, null, null);
            default -> throw new IllegalArgumentException(sender);
        };
    }

    static final Map<String, String> integrationIds = new HashMap<>();

    static String key(String source) {
        return KEYS.computeIfAbsent(source, s -> {
            var created = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body(Map.of("name", s, "sourceType", s, "service", "web")).post("/api/v1/integrations").then()
                    .statusCode(201).extract().jsonPath();
            integrationIds.put(s, created.getString("id"));
            return created.getString("key");
        });
    }

    static Response post(String source, String variant, String id, String key) {
        RequestSpecification request = request(source, variant, id, key);
        return source.equals("pagerduty") ? request.post("/v2/enqueue")
                : request.post("/webhooks/" + source + "/" + key);
    }

    static RequestSpecification request(String source, String variant, String id, String key) {
        RequestSpecification json = given().contentType("application/json");
        return switch (source + ":" + variant) {
            case "alertmanager:firing", "alertmanager:resolved" -> json.body("""
                    {"version":"4","status":"%1$s","receiver":"klaxon","groupKey":"{}:{alertname=\\"HighErrorRate\\"}",
                     "alerts":[{"status":"%1$s","labels":{"alertname":"HighErrorRate","severity":"critical"},
                     "annotations":{},"startsAt":"2026-11-24T10:00:00Z","endsAt":"2026-11-24T11:00:00Z",
                     "fingerprint":"fp-%2$s"}]}""".formatted(variant, id));
            case "sentry:issue.created", "sentry:issue.resolved", "sentry:issue.ignored", "sentry:issue.assigned",
                    "sentry:issue.archived", "sentry:issue.unresolved" -> json
                    .header("Sentry-Hook-Resource", "issue").body("""
                            {"action":"%s","data":{"issue":{"id":"%s","title":"TypeError: x is undefined",
                             "level":"error","status":"unresolved","project":{"slug":"web"}}}}"""
                            .formatted(variant.substring(6), id));
            case "sentry:event_alert" -> json.header("Sentry-Hook-Resource", "event_alert").body("""
                    {"action":"triggered","data":{"event":{"issue_id":"%s","event_id":"e1","title":"Checkout exploded",
                     "level":"fatal"},"triggered_rule":"Page on fatal"}}""".formatted(id));
            case "sentry:metric_alert.critical", "sentry:metric_alert.warning", "sentry:metric_alert.resolved" -> json
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
            case "generic:firing", "generic:acknowledged", "generic:resolved" -> json.body("""
                    {"title":"Queue backlog","status":"%s","dedupKey":"%s","severity":"P2"}"""
                    .formatted(variant, id));
            case "sentry:legacy-plugin" -> json.body("""
                    {"id":"%1$s","project":"web","project_name":"Web","project_slug":"web","logger":null,
                     "level":"error","culprit":"app.views.divide","message":"ZeroDivisionError: division by zero",
                     "url":"https://sentry.example/organizations/acme/issues/%1$s/",
                     "event":{"event_id":"abc","title":"ZeroDivisionError: division by zero","level":"error"}}"""
                    .formatted(id));
            case "sentry:installation" -> json.header("Sentry-Hook-Resource", "installation").body("""
                    {"action":"created","data":{"installation":{"uuid":"%s","status":"installed",
                     "organization":{"slug":"acme"}}},"actor":{"type":"user","id":1,"name":"Ana"}}"""
                    .formatted(id));
            case "sentry:comment" -> json.header("Sentry-Hook-Resource", "comment").body("""
                    {"action":"created","data":{"comment":"looking into %1$s","project_slug":"web",
                     "comment_id":%1$s,"issue_id":%1$s,"timestamp":"2026-11-24T10:00:00Z"},
                     "actor":{"type":"user","id":1,"name":"Ana"}}""".formatted(id));
            case "grafana:legacy-alerting", "grafana:legacy-ok", "grafana:legacy-pending", "grafana:legacy-paused",
                    "grafana:legacy-no_data" -> json.body("""
                    {"title":"[%1$s] Disk usage high","ruleId":%2$s,"ruleName":"Disk usage high",
                     "ruleUrl":"https://grafana.example/d/disk?viewPanel=2","state":"%1$s","orgId":1,
                     "dashboardId":5,"panelId":2,"tags":{"severity":"warning"},
                     "evalMatches":[{"metric":"disk.used","value":93,"tags":{"host":"db-1"}}]}"""
                    .formatted(variant.substring(7), id));
            case "uptime-kuma:pending", "uptime-kuma:maintenance" -> json.body("""
                    {"heartbeat":{"monitorID":%1$s,"status":%2$s,"time":"2026-11-24 10:00:00.000","msg":"retrying"},
                     "monitor":{"id":%1$s,"name":"shop-%1$s","url":"https://shop.example"},"msg":"[shop] retrying"}"""
                    .formatted(id, variant.equals("pending") ? 2 : 3));
            case "uptime-kuma:test-message" -> json.body("""
                    {"heartbeat":null,"monitor":null,"msg":"Uptime Kuma Testing %s"}""".formatted(id));
            case "pagerduty:trigger" -> json.body("""
                    {"routing_key":"%s","event_action":"trigger","dedup_key":"pd-%s",
                     "payload":{"summary":"Payments API down","source":"api-1","severity":"critical"}}"""
                    .formatted(key, id));
            case "pagerduty:acknowledge", "pagerduty:resolve" -> json.body("""
                    {"routing_key":"%s","event_action":"%s","dedup_key":"pd-%s"}""".formatted(key, variant, id));
            case "alertmanager:full" -> json.body("""
                    {"version":"4","status":"firing","receiver":"klaxon","groupKey":"{}:{alertname=\\"HighErrorRate\\"}",
                     "truncatedAlerts":2,"externalURL":"http://alertmanager:9093",
                     "groupLabels":{"alertname":"HighErrorRate"},"commonLabels":{"alertname":"HighErrorRate"},
                     "alerts":[{"status":"firing",
                      "labels":{"alertname":"HighErrorRate","severity":"critical","job":"api"},
                      "annotations":{"summary":"5%% of requests fail","description":"The api answers 500 to checkout",
                       "runbook_url":"https://runbooks.example/api-errors"},
                      "startsAt":"2026-11-24T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                      "generatorURL":"http://prometheus:9090/graph?g0.expr=errors","fingerprint":"fp-%s"}]}"""
                    .formatted(id));
            case "sentry:full" -> json.header("Sentry-Hook-Resource", "issue").body("""
                    {"action":"created","installation":{"uuid":"i-1"},"actor":{"type":"application","id":"sentry"},
                     "data":{"issue":{"id":"%1$s","shortId":"WEB-%1$s","title":"TypeError: x is undefined",
                      "culprit":"app/checkout.js in pay","level":"error","status":"unresolved",
                      "project":{"slug":"web","id":"2"},"assignedTo":{"type":"user","name":"Ana"},
                      "web_url":"https://sentry.example/issues/%1$s/"}}}""".formatted(id));
            case "uptime-kuma:full" -> json.body("""
                    {"heartbeat":{"monitorID":%1$s,"status":0,"time":"2026-11-24 10:00:00.000",
                      "msg":"timeout of 48000ms exceeded","important":true,"duration":48},
                     "monitor":{"id":%1$s,"name":"shop","type":"http","url":"https://shop.example/health",
                      "hostname":"shop.example"},"msg":"[shop] [🔴 Down] timeout of 48000ms exceeded"}"""
                    .formatted(id));
            case "uptimerobot:full" -> json.body("""
                    {"monitorID":"%s","monitorURL":"https://api.example/","monitorFriendlyName":"api &amp; co",
                     "alertType":"1","alertTypeFriendlyName":"Down","alertDetails":"HTTP 503 &lt;Service Unavailable&gt;",
                     "alertDateTime":"1763978400","sslExpiryDate":"*sslExpiryDate*"}""".formatted(id));
            case "pingdom:full" -> json.body("""
                    {"check_id":%s,"check_name":"Shop","check_type":"HTTP","current_state":"DOWN",
                     "previous_state":"UP","state_changed_timestamp":1763978400,"importance_level":"HIGH",
                     "description":"timeout","long_description":"Connection timed out after 30 s",
                     "check_params":{"full_url":"https://shop.example/","hostname":"shop.example"}}"""
                    .formatted(id));
            case "betterstack:full" -> json.body("""
                    {"data":{"id":"%s","type":"incident","attributes":{"name":"Shop homepage",
                      "url":"https://shop.example/","http_method":"get","cause":"Status 502",
                      "started_at":"2026-11-24T10:00:00.000Z","acknowledged_at":null,"resolved_at":null},
                      "relationships":{"monitor":{"data":{"id":"77","type":"monitor"}}}},"event":"started"}"""
                    .formatted(id));
            case "betterstack:acknowledged" -> json.body("""
                    {"data":{"id":"%s","type":"incident","attributes":{"name":"Shop homepage",
                      "url":"https://shop.example/","cause":"Status 502","started_at":"2026-11-24T10:00:00.000Z",
                      "acknowledged_at":"2026-11-24T10:04:00.000Z","acknowledged_by":"ana@example.com"}},
                     "event":"acknowledged"}""".formatted(id));
            case "pagerduty:full" -> json.body("""
                    {"routing_key":"%s","event_action":"trigger","dedup_key":"pd-%s",
                     "payload":{"summary":"Payments API down","source":"api-1","severity":"critical",
                      "timestamp":"2026-11-24T10:00:00Z","component":"payments","group":"prod","class":"http",
                      "custom_details":{"region":"eu-west-1","errors":42}},
                     "links":[{"href":"https://dash.example/payments","text":"Dashboard"}],
                     "images":[{"src":"https://dash.example/payments.png","alt":"x","text":"Error graph"}]}"""
                    .formatted(key, id));
            case "generic:full" -> json.body("""
                    {"title":"Queue backlog","status":"firing","dedupKey":"backlog-%s",
                     "description":"12,000 messages waiting","severity":"P2",
                     "labels":{"queue":"orders","severity":"high"},"annotations":{"runbook":"drain the queue"},
                     "values":{"depth":12000},"links":[{"href":"https://grafana.example/d/queues","text":"Queues"}],
                     "occurredAt":"2026-11-24T10:00:00Z"}""".formatted(id));
            case "grafana:full" -> json.body("""
                    {"title":"[Alerting] Disk usage high","ruleId":%s,"ruleName":"Disk usage high",
                     "ruleUrl":"https://grafana.example/d/disk?viewPanel=2","state":"alerting","orgId":1,
                     "dashboardId":5,"panelId":2,"message":"Disk on db-1 is 93%% full",
                     "imageUrl":"https://grafana.example/render/disk.png",
                     "tags":{"severity":"warning","team":"storage"},
                     "evalMatches":[{"metric":"disk.used","value":93,"tags":{"host":"db-1"}}]}""".formatted(id));
            default -> throw new IllegalArgumentException(source + ":" + variant);
        };
    }
}
