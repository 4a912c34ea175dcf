package dev.klaxon.ingest.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.klaxon.testkit.Infra;

/**
 * The records a topic gains between two moments: opened before a request, read after its answer. Since a webhook is
 * answered only once Kafka has its alerts, reading up to the end offsets at that point sees everything it sent; so
 * "nothing reached the topic" is a fact, not a wait.
 */
final class TopicWindow implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Long> start;

    TopicWindow(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.get().kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        start = consumer.endOffsets(partitions);
    }

    /** Every record written since the window opened, up to the end offsets as they are now. */
    List<ConsumerRecord<String, String>> sinceOpened() {
        Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
        start.forEach(consumer::seek);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(20);
        while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read the topic up to " + end);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
