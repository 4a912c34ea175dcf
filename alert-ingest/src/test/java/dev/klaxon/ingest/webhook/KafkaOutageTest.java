package dev.klaxon.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.Infra;
import dev.klaxon.testkit.KlaxonTestResource;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The durability promise under a broker outage: senders keep posting while the Kafka broker is stopped and started
 * again; every request answered 202 must be on the topic afterwards, and every other one must have been told a
 * non-2xx with Retry-After (503, or 429 from the integration's rate limit), never lost silently. A 503 means what it
 * says: that alert was not taken, so it never reaches the topic later (a sender retrying it would page twice).
 */
@QuarkusTest
@QuarkusTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_ingest"))
class KafkaOutageTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void everyAcceptedAlertIsOnTheTopicAfterABrokerOutageAndNoOtherWasAccepted() throws Exception {
        assumeTrue(Infra.get().canRestartKafka(), "needs a local broker it can stop");
        String key = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "outage", "sourceType", "generic", "service", "s"))
                .post("/api/v1/integrations").then().statusCode(201).extract().path("key");
        String url = "http://127.0.0.1:" + port + "/webhooks/generic/" + key;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        Set<String> unavailable = ConcurrentHashMap.newKeySet();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        // 16 senders at about 40 alerts/s in all (under the integration's 50/s), as a busy monitoring setup posts
        int threads = 16;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.submit(() -> {
                while (running.get()) {
                    String dedup = "outage-" + sequence.incrementAndGet();
                    Thread.sleep(400); // stay under the integration's rate limit
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"dedupKey\":\"" + dedup
                                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            accepted.add(dedup);
                        } else if ((r.statusCode() == 503 || r.statusCode() == 429)
                                && r.headers().firstValue("Retry-After").isPresent()) {
                            refused.incrementAndGet();
                            if (r.statusCode() == 503) {
                                unavailable.add(dedup);
                            }
                            Thread.sleep(100);
                        } else {
                            unexpected.add(r.statusCode() + " " + r.body());
                        }
                    } catch (InterruptedException e) {
                        return null;
                    } catch (Exception e) {
                        unexpected.add(e.toString());
                    }
                }
                return null;
            });
        }
        Thread.sleep(1500);
        Infra.get().stopKafka();
        // longer than any request may wait for its verdict, so that some are answered 503 while the broker is away
        Thread.sleep(18_000);
        Infra.get().startKafka();
        Thread.sleep(5000);
        running.set(false);
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));

        Set<String> onTopic = new HashSet<>();
        try (TopicProbe probe = new TopicProbe(Topics.ALERTS_NORMALIZED)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                probe.drain(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value().contains("outage-")) {
                        onTopic.add(EventJson.read(r.value(), NormalizedAlert.class).payload().dedupKey());
                    }
                });
                return onTopic.containsAll(accepted);
            });
            // a 503 that was written after all would arrive late: give it the time the producer had to retry
            Thread.sleep(12_000);
            probe.drain(Duration.ofSeconds(1)).forEach(r -> {
                if (r.value().contains("outage-")) {
                    onTopic.add(EventJson.read(r.value(), NormalizedAlert.class).payload().dedupKey());
                }
            });
        }
        long writtenAfter503 = unavailable.stream().filter(onTopic::contains).count();
        System.out.printf("[outage] %d answered 202 (%d of them on the topic), %d answered 503/429, %d answered 503 "
                + "and on the topic all the same, %d other%n", accepted.size(),
                accepted.stream().filter(onTopic::contains).count(), refused.get(), writtenAfter503,
                unexpected.size());
        assertTrue(unexpected.isEmpty(), "only 202, or 503/429 with Retry-After: "
                + unexpected.subList(0, Math.min(5, unexpected.size())));
        assertTrue(refused.get() > 0, "the outage was noticed by senders");
        assertEquals(accepted.size(), accepted.stream().filter(onTopic::contains).count());
        assertEquals(0, writtenAfter503, "an alert answered 503 was refused: it must never reach the topic later");
    }
}
