package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.klaxon.testkit.Infra;
import dev.klaxon.testkit.TestTokens;
import io.restassured.http.ContentType;

/**
 * {@code ./klaxon import} end to end: the packaged importer, run as a process, reads PagerDuty, Grafana OnCall and
 * Opsgenie stand-ins on loopback (fixtures written from their API references: several pages, a 429, a deleted user on
 * a rotation, hand-offs across both DST changes) and writes into the real escalation-service and alert-ingest; the
 * result is checked through Klaxon's admin APIs, a second run must change nothing, a changed source must update only
 * what changed, and the importer's own on-call comparison must find no mismatch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImporterSystemTest {

    KlaxonSystem system;
    FakePagerDuty pagerDuty;
    FakeGrafanaOnCall grafana;
    FakeOpsgenie opsgenie;

    @BeforeAll
    void startKlaxonAndTheSources() {
        system = new KlaxonSystem(List.of("alert-ingest", "escalation-service"));
        pagerDuty = new FakePagerDuty();
        grafana = new FakeGrafanaOnCall();
        opsgenie = new FakeOpsgenie();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] { pagerDuty, grafana, opsgenie, system }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }

    ImporterProcess.Run importer(Map<String, String> extraEnv, String escalationUrl, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("KLAXON_ADMIN_TOKEN", TestTokens.admin());
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--escalation-url", escalationUrl, "--ingest-url", system.url("alert-ingest"),
                "--at", SourceFixtures.BASE.toString()));
        ImporterProcess.Run run = ImporterProcess.run(env, all.toArray(String[]::new));
        System.out.println("----- klaxon import " + args[0] + "\n" + run.output());
        return run;
    }

    ImporterProcess.Run importer(String... args) {
        return importer(Map.of(), system.url("escalation-service"), args);
    }

    List<Map<String, Object>> list(String service, String path) {
        return given().baseUri(system.url(service)).auth().oauth2(TestTokens.viewer()).get(path).then()
                .statusCode(200).extract().path("");
    }

    Map<String, Object> byRef(String service, String path, String ref) {
        List<Map<String, Object>> found = list(service, path + "?externalRef=" + ref);
        assertEquals(1, found.size(), path + " imported as " + ref + ": " + found);
        return found.get(0);
    }

    String idOf(String ref) {
        return (String) byRef("escalation-service", "/api/v1/users", ref).get("id");
    }

    long countRefs(String service, String path, String prefix) {
        return list(service, path).stream().filter(o -> o.get("externalRef") != null
                && ((String) o.get("externalRef")).startsWith(prefix)).count();
    }

    static void assertClean(ImporterProcess.Run run, String source) {
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.output().contains("On-call matches " + source + " at every instant compared."), run.output());
        assertFalse(run.output().contains("MISMATCH"), run.output());
    }

    static void assertNothingToDo(ImporterProcess.Run run) {
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.output().contains("Plan: create 0, update 0,"), run.output());
        assertTrue(run.output().contains("Applied: created 0, updated 0,"), run.output());
    }

    @Test
    void pagerDutyDryRunWritesNothingThenTheImportMatchesOnCallChangesNothingTwiceAndFollowsAChangedAccount() {
        // a dry run prints the plan and writes nothing
        ImporterProcess.Run dry = importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN,
                "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.output().contains("dry run: nothing is written"));
        assertTrue(dry.output().contains("+ create    Ana Alvarez <ana@example.com>"), dry.output());
        assertTrue(dry.output().contains("1 rate-limited and retried"), dry.output());
        assertEquals(0, countRefs("escalation-service", "/api/v1/users", "pagerduty:"));
        assertEquals(2, pagerDuty.server.findAll(getRequestedFor(urlPathEqualTo("/users"))
                .withQueryParam("offset", equalTo("0"))).size(), "the 429 was retried");

        ImporterProcess.Run first = importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN);
        assertClean(first, "PagerDuty");
        String out = first.output();
        // what cannot be mapped is said, with the reason
        assertTrue(out.contains("PagerDuty integration 'Checkout / Support mailbox' (generic email inbound "
                + "integration) → not imported"), out);
        assertTrue(out.contains("push notification after 0 min → not imported"), out);
        assertTrue(out.contains("Dev Deleted' in schedule 'Primary' layer 'Weekly' → deleted in PagerDuty"), out);
        assertTrue(out.contains("service 'Checkout' → escalation policy 'Checkout escalation' → Klaxon routes"), out);
        assertTrue(out.contains("Checkout / Datadog: POST " + system.url("alert-ingest") + "/v2/enqueue (routing key "
                + "8c7f0d4a9b2e4f61a3d5c7e9f1b3d5a7, key unchanged)"), out);

        // people: email, zone, role, the SMS number, rules with their delays; a placeholder keeps the deleted user
        Map<String, Object> ana = byRef("escalation-service", "/api/v1/users", "pagerduty:user:PANA01");
        assertEquals("ana@example.com", ana.get("email"));
        assertEquals("+447700900101", ana.get("phone"));
        assertEquals("Europe/London", ana.get("timeZone"));
        assertEquals("admin", ana.get("role"));
        assertEquals(List.of(Map.of("contactType", "SMS", "delayMinutes", 0), Map.of("contactType", "EMAIL",
                "delayMinutes", 5), Map.of("contactType", "SMS", "delayMinutes", 10)), ana.get("notificationRules"));
        Map<String, Object> ben = byRef("escalation-service", "/api/v1/users", "pagerduty:user:PBEN02");
        assertEquals("+447700900201", ben.get("phone"), "a phone contact method when there is no SMS one");
        assertEquals("Dev Deleted (deleted in PagerDuty)",
                byRef("escalation-service", "/api/v1/users", "pagerduty:user:PDEL99").get("name"));
        assertEquals(6, countRefs("escalation-service", "/api/v1/users", "pagerduty:user:"));
        // teams and their members in order
        assertEquals(List.of(idOf("pagerduty:user:PANA01"), idOf("pagerduty:user:PBEN02"),
                idOf("pagerduty:user:PEVE05")), byRef("escalation-service", "/api/v1/teams",
                        "pagerduty:team:PT1SRE").get("members"));
        // the schedule: the business-hours layer above the weekly one, its restrictions, the override ahead
        Map<String, Object> primary = byRef("escalation-service", "/api/v1/schedules", "pagerduty:schedule:PSCHED1");
        assertEquals("Europe/London", primary.get("timeZone"));
        List<Map<String, Object>> rotations = cast(primary.get("rotations"));
        assertEquals(List.of("Business hours", "Weekly"), rotations.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of(2, 1), rotations.stream().map(r -> r.get("layer")).toList()); // the ended layer was 0
        assertEquals("DAILY", rotations.get(0).get("type"));
        List<Map<String, Object>> restrictions = cast(rotations.get(0).get("restrictions"));
        assertEquals(5, restrictions.size());
        assertEquals(Map.of("days", List.of("MONDAY"), "startTime", "09:00:00", "durationMinutes", 480),
                restrictions.get(0));
        assertEquals(List.of(idOf("pagerduty:user:PANA01"), idOf("pagerduty:user:PBEN02"),
                idOf("pagerduty:user:PDEL99")), rotations.get(1).get("participants"));
        List<Map<String, Object>> overrides = cast(primary.get("overrides"));
        assertEquals(1, overrides.size());
        assertEquals(idOf("pagerduty:user:PBEN02"), overrides.get(0).get("userId"));
        // escalation: delays become timeouts, loops the repeat
        Map<String, Object> checkout = byRef("escalation-service", "/api/v1/escalation-policies",
                "pagerduty:policy:PEP1");
        assertEquals(2, checkout.get("repeat"));
        List<Map<String, Object>> steps = cast(checkout.get("steps"));
        assertEquals(List.of(900, 600, 1800), steps.stream().map(s -> s.get("timeoutSeconds")).toList());
        assertEquals(List.of(Map.of("type", "SCHEDULE", "id", primary.get("id"))), steps.get(0).get("targets"));
        // the Events API v2 integration keeps its routing key: the sender only changes the URL
        Map<String, Object> datadog = byRef("alert-ingest", "/api/v1/integrations", "pagerduty:integration:PIN11");
        assertEquals("8c7f0d4a9b2e4f61a3d5c7e9f1b3d5a7", datadog.get("key"));
        assertEquals("pagerduty", datadog.get("sourceType"));
        given().baseUri(system.url("alert-ingest")).contentType(ContentType.JSON).body("""
                {"routing_key":"8c7f0d4a9b2e4f61a3d5c7e9f1b3d5a7","event_action":"trigger",
                 "payload":{"summary":"Checkout latency high","source":"dd-agent","severity":"error"}}""")
                .post("/v2/enqueue").then().statusCode(202);

        // a dry run now finds nothing to do and checks the schedules Klaxon holds; a second run changes nothing
        ImporterProcess.Run check = importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN,
                "--dry-run");
        assertTrue(check.output().contains("Plan: create 0, update 0,"), check.output());
        assertClean(check, "PagerDuty");
        assertNothingToDo(importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN));
        assertEquals(6, countRefs("escalation-service", "/api/v1/users", "pagerduty:user:"));

        // the account changes: Eve's number, the Database team, the business hours, one more override
        pagerDuty.serve(true);
        ImporterProcess.Run changed = importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN);
        assertClean(changed, "PagerDuty");
        assertTrue(changed.output().contains("phone +447700900501 → +447700900599"), changed.output());
        assertTrue(changed.output().contains("Plan: create 0, update 3,"), changed.output());
        assertEquals("+447700900599", byRef("escalation-service", "/api/v1/users", "pagerduty:user:PEVE05")
                .get("phone"));
        assertEquals(3, cast(byRef("escalation-service", "/api/v1/teams", "pagerduty:team:PT2DBA").get("members"))
                .size());
        Map<String, Object> after = byRef("escalation-service", "/api/v1/schedules", "pagerduty:schedule:PSCHED1");
        assertEquals("08:00:00", cast(cast(after.get("rotations")).get(0).get("restrictions")).get(0)
                .get("startTime"));
        assertEquals(2, cast(after.get("overrides")).size());
        assertNothingToDo(importer("pagerduty", "--url", pagerDuty.url(), "--token", FakePagerDuty.TOKEN));
    }

    @Test
    void aGrafanaOnCallImportStoppedMidwayCarriesOnWhenRunAgainWithoutDuplicatesAndMatchesOnCall() {
        // escalation-service answers 503 to every new escalation policy for the first run
        WireMockServer flaky = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(Infra.freePort()));
        flaky.start();
        try {
            flaky.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(
                    system.url("escalation-service"))));
            flaky.stubFor(post(urlPathEqualTo("/api/v1/escalation-policies")).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Database unavailable\",\"status\":503}")));
            ImporterProcess.Run broken = importer(Map.of("KLAXON_IMPORT_RETRY_ATTEMPTS", "2"), flaky.baseUrl(),
                    "grafana-oncall", "--url", grafana.url(), "--token", FakeGrafanaOnCall.TOKEN);
            assertEquals(1, broken.exit(), broken.toString());
            assertTrue(broken.output().contains("run the same command again to carry on from here"), broken.output());
        } finally {
            flaky.stop();
        }
        assertEquals(5, countRefs("escalation-service", "/api/v1/users", "grafana-oncall:user:"),
                "the people were written before the failure");
        assertEquals(0, countRefs("escalation-service", "/api/v1/escalation-policies", "grafana-oncall:"));

        ImporterProcess.Run resumed = importer("grafana-oncall", "--url", grafana.url(), "--token",
                FakeGrafanaOnCall.TOKEN);
        assertClean(resumed, "Grafana OnCall");
        assertTrue(resumed.output().contains("= unchanged alex <alex@example.com>"), resumed.output());
        assertTrue(resumed.output().contains("+ create    Default (2 steps, repeated 5×)"), resumed.output());
        assertTrue(resumed.output().contains("Grafana OnCall schedule 'Legacy' (iCal"), resumed.output());
        assertEquals(5, countRefs("escalation-service", "/api/v1/users", "grafana-oncall:user:"), "no duplicates");
        assertEquals(2, countRefs("escalation-service", "/api/v1/schedules", "grafana-oncall:"));
        assertEquals(2, countRefs("escalation-service", "/api/v1/escalation-policies", "grafana-oncall:"));
        Map<String, Object> alex = byRef("escalation-service", "/api/v1/users", "grafana-oncall:user:UALEX1");
        assertEquals("U0ALEX", alex.get("slackUserId"));
        assertEquals(List.of(Map.of("contactType", "SLACK", "delayMinutes", 0), Map.of("contactType", "EMAIL",
                "delayMinutes", 5)), alex.get("notificationRules"));
        Map<String, Object> web = byRef("escalation-service", "/api/v1/schedules", "grafana-oncall:schedule:SWEB01");
        assertEquals(List.of(0, 1), cast(web.get("rotations")).stream().map(r -> r.get("layer")).toList());
        List<Map<String, Object>> steps = cast(byRef("escalation-service", "/api/v1/escalation-policies",
                "grafana-oncall:chain:FCH001").get("steps"));
        assertEquals(List.of(300, 900), steps.stream().map(s -> s.get("timeoutSeconds")).toList());
        assertEquals("grafana", byRef("alert-ingest", "/api/v1/integrations", "grafana-oncall:integration:CGRAF1")
                .get("sourceType"));

        assertNothingToDo(importer("grafana-oncall", "--url", grafana.url(), "--token", FakeGrafanaOnCall.TOKEN));
    }

    @Test
    void anOpsgenieImportMatchesWhoIsOnCallAndChangesNothingTheSecondTime() {
        ImporterProcess.Run first = importer("opsgenie", "--url", opsgenie.url(), "--token", FakeOpsgenie.KEY);
        assertClean(first, "Opsgenie");
        String out = first.output();
        assertTrue(out.contains("Opsgenie heartbeat 'nightly-backup' (every 1 days) → not imported: recreate it at "
                + "/api/v1/heartbeats"), out);
        assertTrue(out.contains("Opsgenie integration 'Mailbox' (Email) → not imported"), out);
        assertTrue(out.contains("1 rate-limited and retried"), out);
        Map<String, Object> jo = byRef("escalation-service", "/api/v1/users", "opsgenie:user:" + FakeOpsgenie.JO);
        assertEquals("+12025550122", jo.get("phone"));
        assertEquals(List.of(Map.of("contactType", "SMS", "delayMinutes", 0), Map.of("contactType", "EMAIL",
                "delayMinutes", 60)), jo.get("notificationRules"));
        Map<String, Object> ops = byRef("escalation-service", "/api/v1/schedules",
                "opsgenie:schedule:d875alp4-schd-0001-0000-000000000001");
        assertEquals(3, cast(ops.get("rotations")).size());
        assertEquals("Nobody (Opsgenie 'none' turn)", byRef("escalation-service", "/api/v1/users",
                "opsgenie:nobody").get("name"));
        Map<String, Object> escalation = byRef("escalation-service", "/api/v1/escalation-policies",
                "opsgenie:escalation:esc-ops-1");
        assertEquals(1, escalation.get("repeat"));
        assertEquals(List.of(300, 900, 600), cast(escalation.get("steps")).stream()
                .map(s -> s.get("timeoutSeconds")).toList());
        assertEquals("alertmanager", byRef("alert-ingest", "/api/v1/integrations", "opsgenie:integration:int-prom-1")
                .get("sourceType"));

        assertNothingToDo(importer("opsgenie", "--url", opsgenie.url(), "--token", FakeOpsgenie.KEY));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cast(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static {
        // the importer's output goes to the test log; keep the clock of the fixtures visible there
        System.out.println("importer system test: now = " + SourceFixtures.BASE + " (real " + Instant.now() + ", "
                + Duration.between(Instant.now(), SourceFixtures.BASE).toDays() + " days ahead)");
    }
}
