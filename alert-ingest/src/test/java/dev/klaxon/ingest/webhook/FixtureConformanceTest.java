package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.Infra;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Posts every real sender payload in {@code ../shared/fixtures} (when present beside the repository) to the running
 * service and checks the outcome SOURCES.md describes: alerts accepted, test and no-op messages answered and
 * ignored, malformed ones refused with a 4xx, and never a 5xx. Prints the tally.
 */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class FixtureConformanceTest {

    /** Outcomes SOURCES.md spells out, by file name; other files of a sender must be accepted with alerts. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("grafana_legacy/zulip_alert_paused_v7.json", "ignored"),
            Map.entry("grafana_legacy/zulip_alert_pending.json", "ignored"),
            Map.entry("uptime_kuma/zulip_test_button_payload.json", "ignored"),
            Map.entry("edge/sentry_ipe_comment_created_non_alert.json", "ignored"),
            Map.entry("edge/sentry_ipe_installation_created_non_alert.json", "ignored"),
            Map.entry("edge/empty_object.json", "4xx"),
            Map.entry("edge/pagerduty_devdocs_change_event_not_alert.json", "4xx"),
            Map.entry("edge/pagerduty_devdocs_events_v1_trigger_legacy_format.json", "4xx"),
            Map.entry("edge/alertmanager_oncall_single_alert_invalid_endsAt.json", "4xx"),
            Map.entry("edge/betterstack_docs_monitor_webhook_created_non_alert.json", "ignored"),
            Map.entry("betterstack/docs_statuspage_subscriber_incident_update.json", "ignored"));

    final Map<String, String> keys = new HashMap<>();

    @Test
    void everyRealPayloadGetsItsDocumentedOutcomeAndNeverA5xx() throws IOException {
        Path fixtures = Infra.projectDir().resolve("../shared/fixtures").normalize();
        assumeTrue(Files.isDirectory(fixtures), "no fixtures beside the repository at " + fixtures);
        Map<String, Integer> tally = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixtures)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String name = fixtures.relativize(file).toString();
            String expected = EXPECTED.getOrDefault(name, "accepted");
            String source = sourceOf(name);
            if (expected.equals("skip") || source == null) {
                tally.merge("skipped (no Klaxon receiver for this sender yet)", 1, Integer::sum);
                continue;
            }
            String body = Files.readString(file, StandardCharsets.UTF_8);
            Response r = post(source, body);
            int status = r.statusCode();
            String outcome = status >= 500 ? "5xx" : status >= 400 ? "4xx"
                    : "ignored".equals(r.jsonPath().getString("status")) ? "ignored" : "accepted";
            if (source.equals("pagerduty") && status == 202) {
                outcome = "accepted";
            }
            tally.merge(outcome, 1, Integer::sum);
            if (!outcome.equals(expected)) {
                mismatches.add(name + ": expected " + expected + ", got " + status + " " + r.asString());
            }
        }
        System.out.println("[fixture conformance] " + files.size() + " files: " + tally);
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertEquals(null, tally.get("5xx"), "no payload may produce a 5xx");
    }

    private Response post(String source, String body) {
        String key = keys.computeIfAbsent(source, s -> given().auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON).body(Map.of("name", "fixtures " + s, "sourceType", s, "service",
                        "fixtures"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key"));
        if (source.equals("pagerduty")) {
            String withKey = body.replaceFirst("\"routing_key\"\\s*:\\s*\"[^\"]*\"", "\"routing_key\":\"" + key + "\"");
            if (!withKey.contains("routing_key")) {
                withKey = body.replaceFirst("\\{", "{\"routing_key\":\"" + key + "\",");
            }
            return given().contentType(ContentType.JSON).body(withKey).post("/v2/enqueue");
        }
        return given().contentType(ContentType.JSON).body(body).post("/webhooks/" + source + "/" + key);
    }

    /** The receiver a fixture is posted to, from its folder (and for edge/ files, their name). */
    static String sourceOf(String name) {
        String dir = name.substring(0, name.indexOf('/'));
        String file = name.substring(name.indexOf('/') + 1);
        String key = dir.equals("edge") ? file.substring(0, file.indexOf('_')) : dir;
        return switch (key) {
            case "grafana", "grafana_legacy" -> "grafana";
            case "alertmanager" -> "alertmanager";
            case "sentry" -> "sentry";
            case "uptime" -> "uptime-kuma";
            case "uptime_kuma" -> "uptime-kuma";
            case "uptimerobot" -> "uptimerobot";
            case "pingdom" -> "pingdom";
            case "betterstack" -> "betterstack";
            case "pagerduty" -> "pagerduty";
            case "empty" -> "generic";
            default -> null;
        };
    }
}
