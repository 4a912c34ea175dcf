package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Posts hostile bytes to every webhook endpoint over HTTP — invalid UTF-8, huge strings, deep nesting, wrong types,
 * bodies that do not match their Content-Type — and requires that no answer is a 5xx. ParserFuzzTest does the same
 * for the parsers alone; this one also goes through body decoding, content negotiation, the integration lookup and
 * the request log. Seeded, so a failure can be replayed with {@code -Dfuzz.seed=…}.
 */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class WebhookHttpFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    static final int PER_ENDPOINT = Integer.getInteger("fuzz.http-rounds", 40);

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final List<String> SOURCES = List.of("grafana", "alertmanager", "sentry", "uptime-kuma", "uptimerobot",
            "pingdom", "betterstack", "generic", "pagerduty");

    static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=UTF-8",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/form-data",
            "text/plain", "application/octet-stream", "application/json; charset=ISO-8859-1", null };

    /** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, cut-short, out of range. */
    static final byte[][] BAD_UTF8 = { { (byte) 0x80 }, { (byte) 0xC3, (byte) 0x28 }, { (byte) 0xC0, (byte) 0xAF },
            { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
            { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xFF, (byte) 0xFE }, { 0 } };

    @Test
    void noBytesPostedToAnyWebhookGetA5xx() throws Exception {
        Random random = new Random(SEED);
        List<String> seeds = ParserFuzzTest.seeds();
        Map<String, Integer> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String source : SOURCES) {
            String key = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                    .body(Map.of("name", "fuzz " + source, "sourceType", source, "service", "fuzz"))
                    .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
            for (int round = 0; round < PER_ENDPOINT; round++) {
                byte[] body = body(seeds, random, source.equals("pagerduty") ? key : null);
                String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                HttpResponse<String> r = send(source, key, body, type, random);
                sent++;
                tally.merge(r.statusCode() / 100 + "xx", 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    failures.add(source + " round " + round + " (" + type + "): " + r.statusCode() + " "
                            + abbreviate(r.body()) + " for " + abbreviate(new String(body,
                                    StandardCharsets.ISO_8859_1)));
                }
            }
        }
        System.out.printf("[http fuzz] seed %d, %d requests to %d endpoints: %s%n", SEED, sent, SOURCES.size(), tally);
        assertTrue(failures.isEmpty(), failures.size() + " answers were 5xx:\n" + String.join("\n", failures));
        assertTrue(sent >= 300, "a few hundred requests");
    }

    /** Raw bytes with any Content-Type, which a client that encodes bodies for you would refuse to send. */
    private static HttpResponse<String> send(String source, String key, byte[] body, String type, Random random)
            throws Exception {
        String path = source.equals("pagerduty") ? "/v2/enqueue" : "/webhooks/" + source + "/" + key;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + path)).timeout(Duration.ofSeconds(30));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (random.nextInt(8) == 0) {
            // senders that sign: a signature that cannot match
            request.header("Sentry-Hook-Signature", "00").header("X-Grafana-Alerting-Signature", "zz");
        }
        HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(body);
        request = !source.equals("pagerduty") && random.nextInt(10) == 0 ? request.PUT(bytes) : request.POST(bytes);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A seed payload mutated as text, then possibly as bytes; PagerDuty bodies carry the routing key. */
    static byte[] body(List<String> seeds, Random random, String routingKey) {
        String text = switch (random.nextInt(6)) {
            case 0 -> huge(random);
            case 1 -> nested(random);
            default -> ParserFuzzTest.mutate(seeds.get(random.nextInt(seeds.size())), random);
        };
        if (routingKey != null && text.startsWith("{") && random.nextInt(4) != 0) {
            text = "{\"routing_key\":\"" + routingKey + "\"," + text.substring(1);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(3) == 0) {
            bytes = withBadUtf8(bytes, random);
        }
        return bytes;
    }

    private static String huge(Random random) {
        String big = "\u00e9x\"\\".repeat(50_000 + random.nextInt(150_000)).replace("\"", "q").replace("\\", "b");
        return switch (random.nextInt(4)) {
            case 0 -> "{\"title\":\"" + big + "\",\"status\":\"firing\"}";
            case 1 -> "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + big + "\"}}]}";
            case 2 -> "{\"" + big.substring(0, Math.min(big.length(), 60_000)) + "\":1}";
            default -> "{\"data\":{\"issue\":{\"id\":\"" + big + "\"}},\"action\":\"created\"}";
        };
    }

    private static String nested(Random random) {
        int depth = 20 + random.nextInt(3000);
        return switch (random.nextInt(3)) {
            case 0 -> "{\"alerts\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            default -> "{\"labels\":" + "{\"x\":".repeat(depth) + "null" + "}".repeat(depth + 1);
        };
    }

    private static byte[] withBadUtf8(byte[] bytes, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cuts = 1 + random.nextInt(4);
        int from = 0;
        for (int i = 0; i < cuts && bytes.length > 0; i++) {
            int at = from + random.nextInt(Math.max(1, bytes.length - from));
            out.write(bytes, from, at - from);
            out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
            from = at;
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
