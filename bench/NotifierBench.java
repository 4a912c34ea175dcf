import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Notifier benchmark: puts REQUESTS notification requests (one Slack delivery each) on the real
 * notifications.requested topic, either all at once (RATE 0) or paced at RATE per second, then reads what WireMock
 * (standing in for Slack) received. Prints deliveries/s, the time from each request event to its provider call
 * (p50/p99/max) and how many notifications reached Slack more than once (must be 0) or never.
 *
 * Usage: java -cp 'kafka-libs/*' NotifierBench.java BOOTSTRAP WIREMOCK_URL REQUESTS RATE
 */
public class NotifierBench {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String wiremock = args[1];
        int requests = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("linger.ms", "1");
        long[] sentAt = new long[requests];
        long start = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
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
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = count(http, mapper, wiremock, run);
            if (seen >= requests) {
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(3000); // anything sent twice would show up now
        JsonNode journal = mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(wiremock
                + "/__admin/requests")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Pattern title = Pattern.compile("bench-" + run + "-(\\d+)");
        Map<Integer, Integer> calls = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        long last = 0;
        for (JsonNode r : journal.path("requests")) {
            JsonNode req = r.path("request");
            if (!req.path("url").asText().endsWith("/chat.postMessage")) {
                continue;
            }
            Matcher m = title.matcher(req.path("body").asText());
            if (!m.find()) {
                continue;
            }
            int i = Integer.parseInt(m.group(1));
            long at = req.path("loggedDate").asLong();
            if (calls.merge(i, 1, Integer::sum) == 1) {
                latencies.add(at - sentAt[i]);
            }
            last = Math.max(last, at);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int duplicates = calls.values().stream().mapToInt(c -> c - 1).sum();
        double seconds = (last - start) / 1000.0;
        System.out.printf("notifier bench: %d requests %s, produced in %.2f s%n", requests,
                rate > 0 ? "paced at " + rate + "/s" : "all at once", (produced - start) / 1000.0);
        System.out.printf("  delivered to Slack: %d distinct, %d missing, %d duplicates%n", calls.size(),
                requests - calls.size(), duplicates);
        System.out.printf("  throughput: %.0f deliveries/s (first request to last provider call: %.2f s)%n",
                calls.size() / seconds, seconds);
        if (sorted.length > 0) {
            System.out.printf("  request event -> provider call: p50 %d ms, p99 %d ms, max %d ms%n",
                    sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)],
                    sorted[sorted.length - 1]);
        }
        if (duplicates > 0 || calls.size() != requests) {
            System.out.println("  FAIL: every notification must reach the provider exactly once");
            System.exit(1);
        }
    }

    static int count(HttpClient http, ObjectMapper mapper, String wiremock, String run) throws Exception {
        String body = "{\"method\":\"POST\",\"urlPath\":\"/api/chat.postMessage\",\"bodyPatterns\":[{\"contains\":\""
                + "bench-" + run + "-\"}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(wiremock + "/__admin/requests/count"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(r.body()).path("count").asInt();
    }
}
