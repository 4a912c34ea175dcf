import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
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
 * Notifier benchmark: puts REQUESTS notification requests (one Slack delivery each) on the real
 * notifications.requested topic, either all at once (RATE 0) or paced at RATE per second, and stands in for Slack
 * itself: a small HTTP server on SLACK_PORT that answers chat.postMessage as Slack does and notes when each page
 * arrived. (WireMock, which the tests use, spent as much of the 2 cores as the notifier keeping and searching its
 * request journal.) Prints deliveries/s, the time from each request event to its provider call (p50/p99/max) and
 * how many notifications reached Slack more than once (must be 0) or never.
 *
 * Usage: java -cp 'kafka-libs/*' NotifierBench.java BOOTSTRAP SLACK_PORT REQUESTS RATE
 */
public class NotifierBench {

    public static void main(String[] args) throws Exception {
        // the JDK server otherwise leaves Nagle's algorithm on: with delayed ACKs each answer can wait ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String bootstrap = args[0];
        int slackPort = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Pattern title = Pattern.compile("bench-" + run + "-(\\d+)");
        AtomicIntegerArray calls = new AtomicIntegerArray(requests);
        long[] arrivedAt = new long[requests];
        AtomicInteger distinct = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", slackPort), 256);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        slack.setExecutor(handlers);
        slack.createContext("/api/chat.postMessage", exchange -> {
            long at = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = title.matcher(body);
            if (m.find()) {
                int i = Integer.parseInt(m.group(1));
                if (calls.incrementAndGet(i) == 1) {
                    arrivedAt[i] = at;
                    distinct.incrementAndGet();
                }
                last.accumulateAndGet(at, Math::max);
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
        long[] sentAt = new long[requests];
        long start;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // the pace starts once the producer knows the topic: otherwise the first second goes out as one burst
            producer.partitionsFor("notifications.requested");
            start = System.currentTimeMillis();
            for (int i = 0; i < requests; i++) {
                if (rate > 0) {
                    long due = start + (long) i * 1000 / rate;
                    long wait = due - System.currentTimeMillis();
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
                        + "\"incidentId\":\"" + incident + "\",\"number\":" + (i + 1) + ",\"title\":\"bench-" + run
                        + "-" + i + "\",\"description\":\"Benchmark page\",\"severity\":\"P2\",\"service\":\"bench\","
                        + "\"status\":\"TRIGGERED\",\"startedAt\":\"" + now + "\",\"escalationStep\":0,\"links\":[]},"
                        + "\"recipientId\":\"u" + (i % 200) + "\",\"recipientName\":\"Bench " + (i % 200) + "\","
                        + "\"contactMethods\":[{\"type\":\"SLACK\",\"address\":\"U" + (i % 200) + "\",\"delaySeconds\":0}],"
                        + "\"requestedAt\":\"" + now + "\"}}";
                sentAt[i] = System.currentTimeMillis();
                producer.send(new ProducerRecord<>("notifications.requested", incident, json));
            }
            producer.flush();
        }
        long produced = System.currentTimeMillis();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (distinct.get() < requests && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // anything sent twice would show up now
        slack.stop(0);
        handlers.shutdown();
        List<Long> latencies = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < requests; i++) {
            if (calls.get(i) > 0) {
                latencies.add(arrivedAt[i] - sentAt[i]);
                duplicates += calls.get(i) - 1;
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = (last.get() - start) / 1000.0;
        System.out.printf("notifier bench: %d requests %s, produced in %.2f s%n", requests,
                rate > 0 ? "paced at " + rate + "/s" : "all at once", (produced - start) / 1000.0);
        System.out.printf("  delivered to Slack: %d distinct, %d missing, %d duplicates%n", latencies.size(),
                requests - latencies.size(), duplicates);
        System.out.printf("  throughput: %.0f deliveries/s (first request to last provider call: %.2f s)%n",
                latencies.size() / seconds, seconds);
        if (sorted.length > 0) {
            System.out.printf("  request event -> provider call: p50 %d ms, p99 %d ms, max %d ms%n",
                    sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)],
                    sorted[sorted.length - 1]);
        }
        if (duplicates > 0 || latencies.size() != requests) {
            System.out.println("  FAIL: every notification must reach the provider exactly once");
            System.exit(1);
        }
    }
}
