import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Escalation timer benchmark: creates three people and a three-step escalation policy (TIMEOUT seconds a step, no
 * repeat) through the admin API, opens INCIDENTS incidents with TRIGGER signals on incidents.signals spread evenly
 * over SPREAD seconds, so that their step deadlines are spread too, and reads notifications.requested. For every
 * escalation (step 2 and step 3 of every incident) it measures how late the page reached the topic: the record's
 * timestamp minus the step's due time, which is the previous step's page time (requestedAt, the instant the
 * service armed the timer from) plus TIMEOUT. Prints p50/p99/max lateness, pages that never came and pages sent
 * twice (one id on the topic twice, or one (incident, step) paged under two ids).
 *
 * Usage: java -cp 'kafka-libs/*' EscalationBench.java BOOTSTRAP SERVICE_URL ADMIN_TOKEN INCIDENTS SPREAD TIMEOUT
 */
public class EscalationBench {

    static final int STEPS = 3;

    record Page(UUID notificationId, UUID incidentId, int index, int step, Instant requestedAt, long topicAt) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String service = args[1];
        String token = args[2];
        int incidents = Integer.parseInt(args[3]);
        int spread = Integer.parseInt(args[4]);
        int timeout = Integer.parseInt(args[5]);
        String run = UUID.randomUUID().toString().substring(0, 8);
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();

        List<Map<String, Object>> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            String user = post(http, mapper, service, token, "/api/v1/users", Map.of("name", "Bench step " + (s + 1),
                    "email", "step" + (s + 1) + "@example.com", "slackUserId", "UBENCH" + s, "timeZone", "UTC"));
            steps.add(Map.of("timeoutSeconds", timeout, "targets", List.of(Map.of("type", "USER", "id", user))));
        }
        String policy = "Bench " + run;
        post(http, mapper, service, token, "/api/v1/escalation-policies",
                Map.of("name", policy, "isDefault", false, "repeat", 0, "steps", steps));

        Properties cp = new Properties();
        cp.put("bootstrap.servers", bootstrap);
        cp.put("group.id", "bench-" + run);
        cp.put("auto.offset.reset", "earliest");
        cp.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        cp.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        List<Page> pages = new ArrayList<>();
        long[] sentAt = new long[incidents];
        String titlePrefix = "bench-" + run + "-";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
            consumer.subscribe(List.of("notifications.requested"));
            consumer.poll(Duration.ofMillis(100));

            Properties pp = new Properties();
            pp.put("bootstrap.servers", bootstrap);
            pp.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            pp.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            pp.put("acks", "all");
            pp.put("linger.ms", "1");
            long start = System.currentTimeMillis();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
                for (int i = 0; i < incidents; i++) {
                    long due = start + (long) i * spread * 1000 / incidents;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    String key = "bench-" + run + "-" + i;
                    String now = Instant.now().toString();
                    String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"incident.signal.trigger\","
                            + "\"schemaVersion\":1,\"occurredAt\":\"" + now + "\",\"source\":\"bench\",\"payload\":{"
                            + "\"action\":\"TRIGGER\",\"incidentKey\":\"" + key + "\",\"title\":\"" + titlePrefix + i
                            + "\",\"description\":\"Benchmark incident\",\"severity\":\"P2\",\"service\":\"bench\","
                            + "\"escalationPolicy\":\"" + policy + "\",\"dedupKey\":\"" + key + "\",\"sourceType\":"
                            + "\"generic\",\"alertCount\":1,\"links\":[],\"labels\":{},\"occurredAt\":\"" + now + "\"}}";
                    sentAt[i] = System.currentTimeMillis();
                    producer.send(new ProducerRecord<>("incidents.signals", key, json));
                    if (i % 500 == 0) {
                        drain(consumer, mapper, titlePrefix, pages, Duration.ZERO);
                    }
                }
                producer.flush();
            }
            System.out.printf("escalation: %d incidents signalled over %.1f s (%d cores)%n", incidents,
                    (System.currentTimeMillis() - start) / 1000.0, Runtime.getRuntime().availableProcessors());
            // every incident pages STEPS times; wait for them all, then a little longer for any page sent twice
            long until = System.currentTimeMillis() + (spread + (long) STEPS * timeout + 120) * 1000L;
            while (System.currentTimeMillis() < until && pages.size() < incidents * STEPS) {
                drain(consumer, mapper, titlePrefix, pages, Duration.ofMillis(500));
            }
            drain(consumer, mapper, titlePrefix, pages, Duration.ofSeconds(5));
        }

        Map<UUID, Page[]> byIncident = new HashMap<>();
        Map<UUID, Integer> recordsById = new HashMap<>();
        Map<String, Set<UUID>> idsByStep = new HashMap<>();
        for (Page p : pages) {
            recordsById.merge(p.notificationId(), 1, Integer::sum);
            idsByStep.computeIfAbsent(p.incidentId() + "/" + p.step(), k -> new HashSet<>()).add(p.notificationId());
            Page[] ladder = byIncident.computeIfAbsent(p.incidentId(), k -> new Page[STEPS]);
            if (p.step() < STEPS && (ladder[p.step()] == null || p.topicAt() < ladder[p.step()].topicAt())) {
                ladder[p.step()] = p;
            }
        }
        long twiceSameId = recordsById.values().stream().filter(n -> n > 1).count();
        long twiceNewId = idsByStep.values().stream().filter(ids -> ids.size() > 1).count();
        int missing = (incidents - byIncident.size()) * STEPS;
        List<Long> lateness = new ArrayList<>();
        // ESCALATION_BENCH_CSV=file: one line per escalation (due millis, step, lateness, decided-at minus due)
        String csvFile = System.getenv("ESCALATION_BENCH_CSV");
        StringBuilder csv = csvFile == null ? null : new StringBuilder("due_ms,step,lateness_ms,decided_ms\n");
        long firstDue = Long.MAX_VALUE;
        long lastDue = Long.MIN_VALUE;
        for (Page[] ladder : byIncident.values()) {
            for (int s = 0; s < STEPS; s++) {
                if (ladder[s] == null) {
                    missing++;
                } else if (s > 0 && ladder[s - 1] != null) {
                    long due = ladder[s - 1].requestedAt().plusSeconds(timeout).toEpochMilli();
                    firstDue = Math.min(firstDue, due);
                    lastDue = Math.max(lastDue, due);
                    lateness.add(ladder[s].topicAt() - due);
                    if (csv != null) {
                        csv.append(due).append(',').append(s).append(',').append(ladder[s].topicAt() - due)
                                .append(',').append(ladder[s].requestedAt().toEpochMilli() - due).append('\n');
                    }
                }
            }
        }
        long[] opening = byIncident.values().stream().filter(l -> l[0] != null)
                .mapToLong(l -> l[0].topicAt() - sentAt[l[0].index()]).sorted().toArray();
        System.out.printf("escalation: first page (signal sent - step 1 page on the topic) p50 %d ms, p99 %d ms, "
                + "max %d ms%n", pct(opening, 50), pct(opening, 99), opening.length == 0 ? 0
                        : opening[opening.length - 1]);
        if (csv != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(csvFile), csv);
        }
        long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("escalation: %d escalations due over %.1f s; lateness (page on the topic - due time) "
                + "p50 %d ms, p99 %d ms, max %d ms, min %d ms%n", sorted.length, (lastDue - firstDue) / 1000.0,
                pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                sorted.length == 0 ? 0 : sorted[0]);
        System.out.printf("escalation: pages %d of %d; never paged %d; fired twice: %d ids on the topic more than "
                + "once, %d steps paged under two ids%n", pages.size(), incidents * STEPS, missing, twiceSameId,
                twiceNewId);
        boolean target = sorted.length > 0 && pct(sorted, 99) < 1000 && sorted[sorted.length - 1] < 2000;
        System.out.println("escalation: target p99 < 1000 ms, max < 2000 ms, no duplicates: "
                + (target && twiceSameId == 0 && twiceNewId == 0 && missing == 0 ? "met" : "MISSED"));
        if (missing > 0 || twiceSameId > 0 || twiceNewId > 0) {
            System.out.println("escalation: FAILED: every step must be paged exactly once");
            System.exit(1);
        }
    }

    static void drain(KafkaConsumer<String, String> consumer, ObjectMapper mapper, String titlePrefix,
            List<Page> pages, Duration wait) throws Exception {
        for (ConsumerRecord<String, String> r : consumer.poll(wait)) {
            JsonNode p = mapper.readTree(r.value()).path("payload");
            JsonNode incident = p.path("incident");
            if (!incident.path("title").asText().startsWith(titlePrefix)) {
                continue;
            }
            pages.add(new Page(UUID.fromString(p.path("notificationId").asText()),
                    UUID.fromString(incident.path("incidentId").asText()),
                    Integer.parseInt(incident.path("title").asText().substring(titlePrefix.length())),
                    incident.path("escalationStep").asInt(), Instant.parse(p.path("requestedAt").asText()),
                    r.timestamp()));
        }
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String post(HttpClient http, ObjectMapper mapper, String service, String token, String path,
            Map<String, Object> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return mapper.readTree(r.body()).path("id").asText();
    }
}
