package dev.klaxon.ingest.webhook;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.parser.AlertmanagerParser;
import dev.klaxon.ingest.webhook.parser.BetterStackParser;
import dev.klaxon.ingest.webhook.parser.GenericParser;
import dev.klaxon.ingest.webhook.parser.GrafanaParser;
import dev.klaxon.ingest.webhook.parser.PagerDutyParser;
import dev.klaxon.ingest.webhook.parser.PayloadParser;
import dev.klaxon.ingest.webhook.parser.PingdomParser;
import dev.klaxon.ingest.webhook.parser.SentryParser;
import dev.klaxon.ingest.webhook.parser.UptimeKumaParser;
import dev.klaxon.ingest.webhook.parser.UptimeRobotParser;
import dev.klaxon.ingest.webhook.parser.WebhookRequest;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.testkit.Infra;

/**
 * Feeds every parser random and mutated input — valid payloads with bytes flipped, cut short, repeated, wrong
 * types, huge strings, deep nesting, bad UTF-8 — and requires that each one is either read or refused with a
 * problem (a 4xx); any other exception would be a 5xx. Seeded, so a failure can be replayed.
 */
class ParserFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 4000);

    static final List<PayloadParser> PARSERS = List.of(new GrafanaParser(), new AlertmanagerParser(),
            new SentryParser(), new UptimeKumaParser(), new UptimeRobotParser(), new PingdomParser(),
            new BetterStackParser(), new PagerDutyParser(), new GenericParser());

    @Test
    void noInputMakesAParserFailWithAnythingButAProblem() throws Exception {
        Random random = new Random(SEED);
        List<String> seeds = seeds();
        BodyReader reader = new BodyReader();
        int refused = 0;
        int read = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String body = mutate(seeds.get(random.nextInt(seeds.size())), random);
            for (PayloadParser parser : PARSERS) {
                RawRequest raw = new RawRequest("POST", body, random.nextInt(10) == 0
                        ? "application/x-www-form-urlencoded" : "application/json", Map.of(), Map.of());
                try {
                    JsonNode json = reader.read(raw);
                    Integration integration = new Integration(java.util.UUID.randomUUID(), "fuzz", parser.sourceType(),
                            "s", "k", random.nextBoolean() ? null : "secret", true, true, Instant.EPOCH,
                            Instant.EPOCH, null);
                    WebhookRequest request = new WebhookRequest(json, body, Map.of(), Map.of());
                    parser.authenticate(request, integration);
                    parser.parse(request, integration, Instant.EPOCH);
                    read++;
                } catch (ProblemException e) {
                    if (e.problem().status() >= 500) {
                        fail("a 5xx problem for input (seed " + SEED + ", round " + round + "): " + abbreviate(body));
                    }
                    refused++;
                } catch (RuntimeException | StackOverflowError e) {
                    fail(parser.sourceType() + " threw " + e + " for input (seed " + SEED + ", round " + round + "): "
                            + abbreviate(body), e);
                }
            }
        }
        System.out.printf("[fuzz] %d inputs x %d parsers: %d read, %d refused with a 4xx, 0 crashes%n", ROUNDS,
                PARSERS.size(), read, refused);
    }

    static List<String> seeds() throws Exception {
        List<String> out = new ArrayList<>(List.of(
                "{\"version\":\"1\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},"
                        + "\"fingerprint\":\"f\",\"values\":{\"B\":1},\"startsAt\":\"2026-01-01T00:00:00Z\"}]}",
                "{\"ruleId\":1,\"state\":\"alerting\",\"evalMatches\":[{\"metric\":\"m\",\"value\":1}],\"tags\":{}}",
                "{\"action\":\"created\",\"data\":{\"issue\":{\"id\":\"1\",\"title\":\"t\",\"level\":\"error\"}}}",
                "{\"action\":\"critical\",\"data\":{\"metric_alert\":{\"id\":\"7\"}}}",
                "{\"heartbeat\":{\"monitorID\":1,\"status\":0,\"time\":\"2023-01-01 00:00:00\"},\"monitor\":{\"id\":1}}",
                "{\"monitorID\":\"1\",\"alertType\":\"1\",\"monitorFriendlyName\":\"a &#40;b&#41;\"}",
                "{\"check_id\":1,\"current_state\":\"DOWN\",\"state_changed_timestamp\":1}",
                "{\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"x\",\"severity\":\"info\"}}",
                "{\"title\":\"t\",\"status\":\"resolved\",\"links\":[{\"href\":\"h\"}]}"));
        Path fixtures = Infra.projectDir().resolve("../shared/fixtures").normalize();
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> walk = Files.walk(fixtures)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".json")).toList()) {
                    out.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static String mutate(String seed, Random r) {
        StringBuilder s = new StringBuilder(seed);
        int kind = r.nextInt(10);
        switch (kind) {
            case 0 -> s.setLength(r.nextInt(Math.max(1, s.length()))); // cut short
            case 1 -> { // flip characters
                for (int i = 0; i < 1 + r.nextInt(8); i++) {
                    String alphabet = "{}[]\":,0123456789abcnt\\\u0000\uD800é";
                    s.setCharAt(r.nextInt(s.length()), alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            case 2 -> { // swap a value for another type
                String[] values = { "null", "true", "[]", "{}", "-1", "1e999", "\"\"", "12345678901234567890123",
                        "[[[[]]]]", "\"" + "x".repeat(100_000) + "\"" };
                int colon = s.indexOf(":", r.nextInt(s.length()));
                if (colon > 0) {
                    int end = colon + 1;
                    while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
                        end++;
                    }
                    s.replace(colon + 1, end, values[r.nextInt(values.length)]);
                }
            }
            case 3 -> { // deep nesting
                int depth = 10 + r.nextInt(5000);
                return "[".repeat(depth) + "]".repeat(depth);
            }
            case 4 -> { // random bytes as (bad) UTF-8
                byte[] b = new byte[r.nextInt(300)];
                r.nextBytes(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case 5 -> s.insert(r.nextInt(s.length()), s.substring(0, r.nextInt(s.length()))); // repeat a part
            case 6 -> { // plain scalars and empties
                String[] tops = { "", " ", "null", "1", "\"str\"", "[]", "{}", "[{}]", "{\"alerts\":null}",
                        "{\"alerts\":{}}", "{\"data\":[]}", "{\"heartbeat\":\"{\\\"status\\\":0}\"}" };
                return tops[r.nextInt(tops.length)];
            }
            default -> { // a valid seed, or one with an extra unknown field
                if (r.nextBoolean() && s.length() > 2 && s.charAt(0) == '{') {
                    s.insert(1, "\"zz\":[1,{\"a\":null}],");
                }
            }
        }
        return s.toString();
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
