import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.sun.net.httpserver.HttpServer;

/**
 * Notifier benchmark: puts notification requests (one Slack delivery each) on the real notifications.requested
 * topic and stands in for Slack itself: a small HTTP server on SLACK_PORT that answers chat.postMessage as Slack
 * does and notes when each page arrived. (WireMock, which the tests use, spent as much of the 2 cores as the notifier
 * keeping and searching its request journal.) One process runs every phase, so the load generator and the stand-in
 * are warm too: first WARMUP requests all at once (not a measurement), then REQUESTS paced at each RATE per second,
 * then REQUESTS all at once. Per phase it prints deliveries/s, the time from each request event to its provider call
 * (p50/p99/max) and how many notifications reached Slack more than once (must be 0) or never; it exits 1 if any did.
 *
 * Usage: java -cp 'kafka-libs/*' NotifierBench.java BOOTSTRAP SLACK_PORT REQUESTS WARMUP RATE[,RATE...]
 */
public class NotifierBench {

    private static final Pattern TITLE = Pattern.compile("bench-([0-9a-f]{8})-(\\d+)");

    /** One phase's requests and what the stand-in saw of them. */
    static final class Phase {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String label;
        final int requests;
        final int rate;
        final AtomicIntegerArray calls;
        final long[] sentAt;
        final long[] arrivedAt;
        final AtomicInteger distinct = new AtomicInteger();
        final AtomicLong last = new AtomicLong();
        long start;
        long produced;

        Phase(String label, int requests, int rate) {
            this.label = label;
            this.requests = requests;
            this.rate = rate;
            this.calls = new AtomicIntegerArray(requests);
            this.sentAt = new long[requests];
            this.arrivedAt = new long[requests];
        }

        void arrived(int i, long at) {
            if (i < 0 || i >= requests) {
                return;
            }
            if (calls.incrementAndGet(i) == 1) {
                arrivedAt[i] = at;
                distinct.incrementAndGet();
            }
            last.accumulateAndGet(at, Math::max);
        }
    }

    public static void main(String[] args) throws Exception {
        // the JDK server otherwise leaves Nagle's algorithm on: with delayed ACKs each answer can wait ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String bootstrap = args[0];
        int slackPort = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        List<Phase> phases = new ArrayList<>();
        if (warmup > 0) {
            phases.add(new Phase("warm-up (not a measurement), all at once", warmup, 0));
        }
        for (String rate : args[4].split(",")) {
            phases.add(new Phase("paced at " + rate.strip() + "/s", requests, Integer.parseInt(rate.strip())));
        }
        phases.add(new Phase("all at once", requests, 0));
        Map<String, Phase> byRun = new ConcurrentHashMap<>();
        phases.forEach(ph -> byRun.put(ph.run, ph));

        HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", slackPort), 256);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        slack.setExecutor(handlers);
        slack.createContext("/api/chat.postMessage", exchange -> {
            long at = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TITLE.matcher(body);
            if (m.find()) {
                Phase ph = byRun.get(m.group(1));
                if (ph != null) {
                    ph.arrived(Integer.parseInt(m.group(2)), at);
                }
            }
            byte[] answer = ("{\"ok\":true,\"channel\":\"D0BENCH\",\"ts\":\"" + at / 1000 + "." + at % 1000
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        slack.start();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("linger.ms", "1");
        boolean failed = false;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // the pace starts once the producer knows the topic: otherwise the first second goes out as one burst
            producer.partitionsFor("notifications.requested");
            for (Phase ph : phases) {
                produce(producer, ph);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
                while (ph.distinct.get() < ph.requests && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                Thread.sleep(3000); // anything sent twice would show up now
                failed |= !report(ph);
            }
        } finally {
            slack.stop(0);
            handlers.shutdown();
        }
        System.exit(failed ? 1 : 0);
    }

    private static void produce(KafkaProducer<String, String> producer, Phase ph) throws InterruptedException {
        ph.start = System.currentTimeMillis();
        for (int i = 0; i < ph.requests; i++) {
            if (ph.rate > 0) {
                long wait = ph.start + (long) i * 1000 / ph.rate - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            String incident = UUID.randomUUID().toString();
            String notification = UUID.randomUUID().toString();
            String now = Instant.now().toString();
            String json = "{\"eventId\":\"" + notification + "\",\"eventType\":\"notification.requested\","
                    + "\"schemaVersion\":1,\"occurredAt\":\"" + now + "\",\"source\":\"bench\",\"payload\":{"
                    + "\"notificationId\":\"" + notification + "\",\"kind\":\"TRIGGERED\",\"incident\":{"
                    + "\"incidentId\":\"" + incident + "\",\"number\":" + (i + 1) + ",\"title\":\"bench-" + ph.run
                    + "-" + i + "\",\"description\":\"Benchmark page\",\"severity\":\"P2\",\"service\":\"bench\","
                    + "\"status\":\"TRIGGERED\",\"startedAt\":\"" + now + "\",\"escalationStep\":0,\"links\":[]},"
                    + "\"recipientId\":\"u" + (i % 200) + "\",\"recipientName\":\"Bench " + (i % 200) + "\","
                    + "\"contactMethods\":[{\"type\":\"SLACK\",\"address\":\"U" + (i % 200) + "\",\"delaySeconds\":0}],"
                    + "\"requestedAt\":\"" + now + "\"}}";
            ph.sentAt[i] = System.currentTimeMillis();
            producer.send(new ProducerRecord<>("notifications.requested", incident, json));
        }
        producer.flush();
        ph.produced = System.currentTimeMillis();
    }

    /** Prints the phase's figures; false when a notification reached Slack twice or never. */
    private static boolean report(Phase ph) {
        List<Long> latencies = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < ph.requests; i++) {
            if (ph.calls.get(i) > 0) {
                latencies.add(ph.arrivedAt[i] - ph.sentAt[i]);
                duplicates += ph.calls.get(i) - 1;
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = Math.max(1, ph.last.get() - ph.start) / 1000.0;
        System.out.printf("notifier bench: %d requests %s, produced in %.2f s%n", ph.requests, ph.label,
                (ph.produced - ph.start) / 1000.0);
        System.out.printf("  delivered to Slack: %d distinct, %d missing, %d duplicates%n", latencies.size(),
                ph.requests - latencies.size(), duplicates);
        System.out.printf("  throughput: %.0f deliveries/s (first request to last provider call: %.2f s)%n",
                latencies.size() / seconds, seconds);
        if (sorted.length > 0) {
            System.out.printf("  request event -> provider call: p50 %d ms, p99 %d ms, max %d ms%n",
                    sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)],
                    sorted[sorted.length - 1]);
        }
        if (duplicates > 0 || latencies.size() != ph.requests) {
            System.out.println("  FAIL: every notification must reach the provider exactly once");
            return false;
        }
        return true;
    }
}
