package dev.klaxon.ingest.webhook.parser;

import static dev.klaxon.ingest.webhook.parser.ParserFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.SourceType;

class SenderParsersTest {

    // ---- Better Stack

    @Test
    void betterStackIncidentStartsAcknowledgesAndResolvesOneAlert() {
        BetterStackParser p = new BetterStackParser();
        String incident = """
                {"event":"%s","data":{"id":"77","type":"incident","attributes":{"name":"Checkout API",
                 "url":"https://shop.example/api","http_method":"get","cause":"Status 503",
                 "started_at":"2026-11-30T08:00:00Z","acknowledged_at":%s,"resolved_at":%s},
                 "relationships":{"monitor":{"data":{"id":"9","type":"monitor"}}}}}""";
        NormalizedAlert started = parse(p, incident.formatted("started", "null", "null")).get(0);
        NormalizedAlert acked = parse(p, incident.formatted("acknowledged", "\"2026-11-30T08:03:00Z\"", "null"))
                .get(0);
        NormalizedAlert resolved = parse(p, incident.formatted("resolved", "\"2026-11-30T08:03:00Z\"",
                "\"2026-11-30T08:20:00Z\"")).get(0);
        assertEquals(List.of(AlertStatus.FIRING, AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED),
                List.of(started.status(), acked.status(), resolved.status()));
        assertEquals("incident:77", started.dedupKey());
        assertEquals(started.dedupKey(), resolved.dedupKey());
        assertEquals("Checkout API: Status 503", started.title());
        assertEquals("9", started.labels().get("monitor_id"));
        assertEquals("https://shop.example/api", started.links().get(0).href());
        assertEquals(Instant.parse("2026-11-30T08:20:00Z"), resolved.occurredAt());
    }

    @Test
    void betterStackMonitorAndStatusPageWebhooksPageNobody() {
        assertTrue(parse(new BetterStackParser(), """
                {"event":"created","data":{"id":"1","type":"monitor","attributes":{"url":"https://x.example"}}}""")
                .isEmpty());
        assertTrue(parse(new BetterStackParser(), """
                {"event_type":"incident","incident":{"id":"5","name":"Degraded"}}""").isEmpty());
    }

    // ---- Grafana legacy

    @Test
    void legacyGrafanaAlertingPagesAndOkResolvesTheSameRule() {
        GrafanaParser p = new GrafanaParser();
        NormalizedAlert firing = parse(p, """
                {"ruleId":7,"ruleName":"CPU high","state":"alerting","orgId":1,"dashboardId":2,"panelId":3,
                 "message":"CPU above 95%","tags":{"severity":"warning"},
                 "evalMatches":[{"metric":"cpu","value":97.5,"tags":null}],"ruleUrl":"http://g/d/2"}""").get(0);
        NormalizedAlert ok = parse(p, """
                {"ruleId":7,"ruleName":"CPU high","state":"ok","orgId":1,"dashboardId":2,"panelId":3,
                 "evalMatches":[]}""").get(0);
        assertEquals(AlertStatus.FIRING, firing.status());
        assertEquals(AlertStatus.RESOLVED, ok.status());
        assertEquals(firing.dedupKey(), ok.dedupKey());
        assertEquals("CPU high", firing.title());
        assertEquals("warning", firing.severityHint());
        assertEquals(97.5, firing.values().get("cpu"));
    }

    @Test
    void legacyGrafanaPendingPausedAndNoDataPageNobody() {
        for (String state : List.of("pending", "paused", "no_data")) {
            assertTrue(parse(new GrafanaParser(), "{\"ruleId\":1,\"state\":\"" + state + "\"}").isEmpty(), state);
        }
    }

    @Test
    void groupStatusDoesNotStandForItsAlerts() {
        List<NormalizedAlert> alerts = parse(new GrafanaParser(), """
                {"status":"firing","version":"1","alerts":[
                  {"status":"firing","labels":{"alertname":"A"},"fingerprint":"a"},
                  {"status":"resolved","labels":{"alertname":"B"},"fingerprint":"b"}]}""");
        assertEquals(List.of(AlertStatus.FIRING, AlertStatus.RESOLVED), alerts.stream().map(NormalizedAlert::status)
                .toList());
    }

    @Test
    void alertWithoutStatusTakesTheGroupsAndLooseTimesAreRead() {
        NormalizedAlert a = parse(new AlertmanagerParser(), """
                {"status":"firing","alerts":[{"labels":{"alertname":"X","severity":"Warning"},
                  "startsAt":"2026-05-27 15:36:00.112013015 +0000 UTC m=+1.0"}]}""").get(0);
        assertEquals(AlertStatus.FIRING, a.status());
        assertEquals(Instant.parse("2026-05-27T15:36:00.112013015Z"), a.occurredAt());
        assertEquals(16, a.dedupKey().length(), "no fingerprint: a hash of the sorted labels");
    }

    @Test
    void alertmanagerNeverInfersResolutionFromEndsAt() {
        NormalizedAlert a = parse(new AlertmanagerParser(), """
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"Fire"},
                  "startsAt":"2018-01-01T10:00:00Z","endsAt":"2018-01-01T10:05:00Z"}]}""").get(0);
        assertEquals(AlertStatus.FIRING, a.status());
    }

    // ---- Grafana signatures

    @Test
    void grafanaWithASecretNeedsTheSignatureOrTheCredential() {
        GrafanaParser p = new GrafanaParser();
        var integration = ParserFixtures.integration(SourceType.GRAFANA, "s3cret");
        String body = "{\"alerts\":[]}";
        p.authenticate(ParserFixtures.json(body, GrafanaParser.SIGNATURE, Payloads.hmacSha256Hex("s3cret", body)),
                integration);
        p.authenticate(ParserFixtures.json(body, GrafanaParser.SIGNATURE, Payloads.hmacSha256Hex("s3cret",
                "1700000000:" + body), GrafanaParser.TIMESTAMP, "1700000000"), integration);
        p.authenticate(ParserFixtures.json(body, "Authorization", "Bearer s3cret"), integration);
        assertThrows(Unauthenticated.class, () -> p.authenticate(ParserFixtures.json(body, GrafanaParser.SIGNATURE,
                "00"), integration));
        assertThrows(Unauthenticated.class, () -> p.authenticate(ParserFixtures.json(body), integration));
    }

    // ---- Sentry

    @Test
    void sentryIssueLifecycleSharesOneIdentity() {
        SentryParser p = new SentryParser();
        String issue = "{\"id\":\"123\",\"title\":\"ReferenceError: x is not defined\",\"level\":\"error\","
                + "\"project\":{\"slug\":\"web\"},\"shortId\":\"WEB-1\"}";
        NormalizedAlert created = parse(p, "{\"action\":\"created\",\"data\":{\"issue\":" + issue + "}}",
                "Sentry-Hook-Resource", "issue").get(0);
        NormalizedAlert resolved = parse(p, "{\"action\":\"resolved\",\"data\":{\"issue\":" + issue + "}}",
                "Sentry-Hook-Resource", "issue").get(0);
        NormalizedAlert ignored = parse(p, "{\"action\":\"ignored\",\"data\":{\"issue\":" + issue + "}}",
                "Sentry-Hook-Resource", "issue").get(0);
        NormalizedAlert eventAlert = parse(p, "{\"action\":\"triggered\",\"data\":{\"event\":{\"issue_id\":\"123\","
                + "\"title\":\"ReferenceError\",\"level\":\"error\"},\"triggered_rule\":\"r\"}}",
                "Sentry-Hook-Resource", "event_alert").get(0);
        assertEquals(AlertStatus.FIRING, created.status());
        assertEquals(AlertStatus.RESOLVED, resolved.status());
        assertEquals(AlertStatus.ACKNOWLEDGED, ignored.status());
        assertEquals("issue:123", created.dedupKey());
        assertEquals("issue:123", eventAlert.dedupKey());
        assertEquals("error", created.severityHint());
    }

    @Test
    void sentryMetricAlertSeverityComesFromTheActionNotTheStatus() {
        SentryParser p = new SentryParser();
        String data = "{\"metric_alert\":{\"id\":\"789\",\"status\":2,\"alert_rule\":{\"id\":\"456\",\"name\":\"errors\"}},"
                + "\"description_text\":\"5 events\"}";
        NormalizedAlert critical = parse(p, "{\"action\":\"critical\",\"data\":" + data + "}").get(0);
        NormalizedAlert warning = parse(p, "{\"action\":\"warning\",\"data\":" + data + "}").get(0);
        NormalizedAlert resolved = parse(p, "{\"action\":\"resolved\",\"data\":" + data + "}").get(0);
        assertEquals("critical", critical.severityHint());
        assertEquals("warning", warning.severityHint());
        assertEquals(AlertStatus.RESOLVED, resolved.status());
        assertEquals("metric:789", critical.dedupKey());
    }

    @Test
    void sentryInstallationAndCommentAreAnsweredAndIgnored() {
        assertTrue(parse(new SentryParser(), "{\"action\":\"created\",\"data\":{\"installation\":{}}}",
                "Sentry-Hook-Resource", "installation").isEmpty());
        assertTrue(parse(new SentryParser(), "{\"action\":\"created\",\"data\":{\"comment\":\"hi\"}}").isEmpty());
    }

    @Test
    void sentryLegacyPluginIsRecognisedWithoutHeaders() {
        NormalizedAlert a = parse(new SentryParser(), "{\"id\":\"4218258981\",\"project_slug\":\"web\","
                + "\"level\":\"error\",\"message\":\"boom\",\"url\":\"https://sentry.io/i/1\",\"event\":{\"title\":\"Boom\"}}")
                .get(0);
        assertEquals("issue:4218258981", a.dedupKey());
        assertEquals("Boom", a.title());
    }

    @Test
    void sentryWithAClientSecretNeedsAValidSignature() {
        SentryParser p = new SentryParser();
        var integration = ParserFixtures.integration(SourceType.SENTRY, "client-secret");
        String body = "{\"action\":\"created\"}";
        p.authenticate(ParserFixtures.json(body, SentryParser.SIGNATURE, Payloads.hmacSha256Hex("client-secret",
                body)), integration);
        assertThrows(Unauthenticated.class, () -> p.authenticate(ParserFixtures.json(body, SentryParser.SIGNATURE,
                Payloads.hmacSha256Hex("other", body)), integration));
        assertThrows(Unauthenticated.class, () -> p.authenticate(ParserFixtures.json(body), integration));
    }

    // ---- uptime monitors

    @Test
    void uptimeKumaDownPagesUpResolvesPendingAndMaintenanceDoNot() {
        UptimeKumaParser p = new UptimeKumaParser();
        String monitor = "\"monitor\":{\"id\":89,\"name\":\"shop\",\"url\":\"https://shop.example\"}";
        NormalizedAlert down = parse(p, "{\"heartbeat\":{\"monitorID\":89,\"status\":0,\"time\":"
                + "\"2023-07-31 18:56:15.374\",\"msg\":\"timeout\"}," + monitor + ",\"msg\":\"[shop] down\"}").get(0);
        NormalizedAlert up = parse(p, "{\"heartbeat\":{\"monitorID\":89,\"status\":1,\"msg\":\"OK\"}," + monitor
                + "}").get(0);
        assertEquals(AlertStatus.FIRING, down.status());
        assertEquals(AlertStatus.RESOLVED, up.status());
        assertEquals("monitor:89", down.dedupKey());
        assertEquals("shop is down", down.title());
        assertEquals(Instant.parse("2023-07-31T18:56:15.374Z"), down.occurredAt());
        assertTrue(parse(p, "{\"heartbeat\":{\"monitorID\":89,\"status\":2}," + monitor + "}").isEmpty());
        assertTrue(parse(p, "{\"heartbeat\":{\"monitorID\":89,\"status\":3}," + monitor + "}").isEmpty());
        assertTrue(parse(p, "{\"heartbeat\":null,\"monitor\":null,\"msg\":\"Testing\"}").isEmpty());
    }

    @Test
    void uptimeRobotStringsSnakeCaseAndHtmlEntities() {
        UptimeRobotParser p = new UptimeRobotParser();
        NormalizedAlert camel = parse(p, "{\"monitorID\":\"784350743\",\"monitorURL\":\"http://x.example\","
                + "\"monitorFriendlyName\":\"Test &#40;staging&#41;\",\"alertType\":\"1\",\"alertDetails\":\"HTTP 502\","
                + "\"alertFriendlyDuration\":\"*alertFriendlyDuration*\"}").get(0);
        assertEquals(AlertStatus.FIRING, camel.status());
        assertEquals("monitor:784350743", camel.dedupKey());
        assertEquals("Test (staging) is down", camel.title());
        NormalizedAlert snake = parse(p, "{\"monitor_url\":\"server1.example.com\",\"monitor_friendly_name\":"
                + "\"Web Server\",\"alert_type\":\"2\"}").get(0);
        assertEquals(AlertStatus.RESOLVED, snake.status());
        assertEquals("monitor-url:server1.example.com", snake.dedupKey());
        NormalizedAlert query = new UptimeRobotParser().parse(new WebhookRequest(
                com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "", Map.of(),
                Map.of("monitorID", "7", "alertType", "1", "monitorFriendlyName", "api", "alertDateTime",
                        "1480215246")),
                ParserFixtures.integration(SourceType.UPTIMEROBOT, null), ParserFixtures.RECEIVED).get(0);
        assertEquals(Instant.ofEpochSecond(1480215246), query.occurredAt());
        assertThrows(PayloadException.class, () -> parse(p, "{\"monitorID\":\"7\",\"alertType\":\"9\"}"));
    }

    @Test
    void pingdomDownPagesAndUpResolvesTheCheck() {
        PingdomParser p = new PingdomParser();
        NormalizedAlert down = parse(p, "{\"check_id\":2048467,\"check_name\":\"Shop\",\"previous_state\":\"UP\","
                + "\"current_state\":\"DOWN\",\"state_changed_timestamp\":1457939434,\"description\":\"DNS error\","
                + "\"importance_level\":\"HIGH\"}").get(0);
        NormalizedAlert up = parse(p, "{\"check_id\":2048467,\"current_state\":\"UP\"}").get(0);
        assertEquals(AlertStatus.FIRING, down.status());
        assertEquals(AlertStatus.RESOLVED, up.status());
        assertEquals("check:2048467", down.dedupKey());
        assertEquals("high", down.severityHint());
        assertEquals(Instant.ofEpochSecond(1457939434), down.occurredAt());
    }

    // ---- PagerDuty

    @Test
    void pagerDutyTriggerWithoutDedupKeyGetsOneAndFollowUpsNeedOne() {
        PagerDutyParser p = new PagerDutyParser();
        NormalizedAlert trigger = parse(p, "{\"event_action\":\"trigger\",\"routing_key\":\"k\",\"payload\":"
                + "{\"summary\":\"Disk full\",\"source\":\"db1\",\"severity\":\"critical\",\"custom_details\":{\"free\":0}},"
                + "\"images\":[{\"src\":\"https://img\"}],\"links\":[{\"href\":\"https://runbook\",\"text\":\"Runbook\"}]}")
                .get(0);
        assertEquals(32, trigger.dedupKey().length());
        assertEquals("critical", trigger.severityHint());
        assertEquals("Disk full", trigger.title());
        assertEquals(2, trigger.links().size());
        assertEquals(AlertStatus.ACKNOWLEDGED, parse(p, "{\"event_action\":\"acknowledge\",\"dedup_key\":\"abc\"}")
                .get(0).status());
        assertEquals(AlertStatus.RESOLVED, parse(p, "{\"event_action\":\"resolve\",\"dedup_key\":\"abc\"}").get(0)
                .status());
        assertThrows(PayloadException.class, () -> parse(p, "{\"event_action\":\"resolve\"}"));
        assertThrows(PayloadException.class, () -> parse(p, "{\"event_action\":\"trigger\",\"payload\":"
                + "{\"summary\":\"x\",\"source\":\"y\",\"severity\":\"urgent\"}}"));
        assertThrows(PayloadException.class, () -> parse(p, "{\"summary\":\"a change event\"}"));
    }
}
