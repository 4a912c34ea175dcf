package dev.klaxon.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.TopicProbe;

/**
 * triage-service killed with SIGKILL while alerts keep coming, and started again: it is consuming within seconds of
 * reporting ready (its consumers rejoin as the same static members, instead of waiting out the dead one's session),
 * and every alert opens its incident exactly once.
 */
class TriageCrashSystemTest {

    KlaxonSystem system;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                System.out.println("triage logs after " + context.getDisplayName() + " failed:" + system.logs());
            }
        }
    };

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void restartedAfterSigkillItTriagesAgainWithinSecondsOfReadyAndOpensEachIncidentOnce() throws Exception {
        system = new KlaxonSystem(null, List.of("triage-service"));
        String run = "tc-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        Thread producer = new Thread(() -> {
            while (sending.get()) {
                int n = sent.incrementAndGet();
                // a service per alert: storm control must not join them
                String dedup = run + "-" + n;
                NormalizedAlert a = NormalizedAlert.builder().alertId(UUID.randomUUID().toString())
                        .sourceType("generic").integrationId("int-" + run).service("svc-" + dedup).dedupKey(dedup)
                        .status(AlertStatus.FIRING).title("Checkout down " + dedup).at(Instant.now()).build();
                sentAt.put(dedup, Instant.now());
                TopicProbe.send(Topics.ALERTS_NORMALIZED, a.integrationId() + ":" + dedup,
                        EventJson.write(EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest", Instant.now(),
                                a)));
                PageFlowSystemTest.sleep(Duration.ofMillis(100));
            }
        }, "alert-producer");
        try (TopicProbe probe = new TopicProbe(Topics.INCIDENTS_SIGNALS)) {
            producer.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> triggers(probe, run).size() >= 20);
            system.kill("triage-service");
            Instant killed = Instant.now();
            int sentAtKill = sent.get();

            system.restart("triage-service", "triage-crash-2");
            Instant ready = Instant.now();
            // the first incident opened for an alert sent after the kill
            Instant[] resumed = { null };
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                triggers(probe, run).forEach((dedup, at) -> {
                    int n = Integer.parseInt(dedup.substring(dedup.lastIndexOf('-') + 1));
                    if (n > sentAtKill && (resumed[0] == null || at.isBefore(resumed[0]))) {
                        resumed[0] = at;
                    }
                });
                return resumed[0] != null;
            });
            sending.set(false);
            producer.join(10_000);
            int total = sent.get();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> triggers(probe, run).size() >= total);
            PageFlowSystemTest.sleep(Duration.ofSeconds(2));
            Map<String, Long> perAlert = probe.drain(Duration.ofMillis(500)).stream().map(this::signal)
                    .filter(s -> s != null && s.dedupKey().startsWith(run + "-")
                            && s.action() == IncidentSignal.Action.TRIGGER)
                    .collect(Collectors.groupingBy(IncidentSignal::dedupKey, TreeMap::new, Collectors.counting()));
            long resumedAfterReady = Math.max(0, Duration.between(ready, resumed[0]).toMillis());
            System.out.printf("triage crash: ready %d ms after the kill; first incident for an alert sent after the "
                    + "kill %d ms after ready; %d alerts, %d incidents, %d opened twice%n",
                    Duration.between(killed, ready).toMillis(), resumedAfterReady, total, perAlert.size(),
                    perAlert.values().stream().filter(c -> c > 1).count());
            assertEquals(total, perAlert.size(), "every alert opened its incident");
            assertTrue(perAlert.values().stream().allMatch(c -> c == 1), "none twice: " + perAlert);
            assertTrue(resumedAfterReady <= 5000, "triaging again within 5 s of ready, not after the dead "
                    + "member's session: " + resumedAfterReady + " ms");
        } finally {
            sending.set(false);
        }
    }

    /** Trigger signals of this run by dedup key, with when they were produced. */
    Map<String, Instant> triggers(TopicProbe probe, String run) {
        Map<String, Instant> out = new TreeMap<>();
        for (ConsumerRecord<String, String> r : probe.drain(Duration.ofMillis(50))) {
            IncidentSignal s = signal(r);
            if (s != null && s.action() == IncidentSignal.Action.TRIGGER && s.dedupKey().startsWith(run + "-")) {
                out.putIfAbsent(s.dedupKey(), Instant.ofEpochMilli(r.timestamp()));
            }
        }
        return out;
    }

    IncidentSignal signal(ConsumerRecord<String, String> r) {
        try {
            return EventJson.read(r.value(), IncidentSignal.class).payload();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
