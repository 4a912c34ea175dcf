import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Triage benchmark: puts ALERTS canonical alerts over KEYS dedup keys on the real alerts.normalized topic, waits
 * until triage-service's consumer group has no lag, and prints alerts/s; then counts the incidents signalled
 * (TRIGGER) and fails unless there is exactly one per dedup key.
 *
 * Usage: java -cp 'kafka-libs/*' TriageBench.java BOOTSTRAP ALERTS KEYS
 */
public class TriageBench {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int alerts = Integer.parseInt(args[1]);
        int keys = Integer.parseInt(args[2]);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("linger.ms", "5");
        Instant start = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < alerts; i++) {
                String dedup = run + "-" + (i % keys);
                String now = Instant.now().toString();
                String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"alert.normalized\","
                        + "\"schemaVersion\":1,\"occurredAt\":\"" + now + "\",\"source\":\"bench\",\"payload\":{"
                        + "\"alertId\":\"a" + i + "\",\"sourceType\":\"generic\",\"integrationId\":\"bench\","
                        + "\"service\":\"bench\",\"dedupKey\":\"" + dedup + "\",\"status\":\"FIRING\","
                        + "\"title\":\"Checkout error rate 12%\",\"labels\":{},\"annotations\":{},\"links\":[],"
                        + "\"values\":{},\"occurredAt\":\"" + now + "\",\"receivedAt\":\"" + now + "\"}}";
                producer.send(new ProducerRecord<>("alerts.normalized", "bench:" + dedup, json));
            }
            producer.flush();
        }
        double produced = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Properties ap = new Properties();
        ap.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(ap)) {
            while (true) {
                Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets("triage-service")
                        .partitionsToOffsetAndMetadata().get().entrySet().stream()
                        .filter(e -> e.getKey().topic().equals("alerts.normalized") && e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                long lag = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    lag += e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L);
                }
                if (!committed.isEmpty() && lag == 0) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Properties cp = new Properties();
        cp.put("bootstrap.servers", bootstrap);
        cp.put("group.id", "bench-" + run);
        cp.put("auto.offset.reset", "earliest");
        cp.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        cp.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        Set<String> incidents = new HashSet<>();
        int triggers = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
            consumer.subscribe(List.of("incidents.signals"));
            Instant until = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"dedupKey\":\"" + run + "-") && r.value().contains("\"TRIGGER\"")) {
                        triggers++;
                        incidents.add(r.key());
                    }
                }
                if (triggers >= keys) {
                    until = Instant.now().plusSeconds(2).isBefore(until) ? Instant.now().plusSeconds(2) : until;
                }
            }
        }
        System.out.printf("triage: %d alerts over %d dedup keys produced in %.1f s, all triaged in %.1f s: %.0f "
                + "alerts/s; incidents signalled: %d (distinct %d)%n", alerts, keys, produced, seconds,
                alerts / seconds, triggers, incidents.size());
        if (triggers != keys || incidents.size() != keys) {
            System.out.println("triage: FAILED: expected exactly " + keys + " incidents");
            System.exit(1);
        }
    }
}
