package dev.klaxon.kit.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness that means "consuming": DOWN until every Kafka consumer of this process has joined its group and been
 * given its partitions (none, when there are more replicas than partitions, still counts), so a restarted service is
 * not reported ready while the broker still holds its partitions for the process that died. Each incoming channel
 * names this listener ({@code consumer-rebalance-listener.name=klaxon-assignments}).
 */
@ApplicationScoped
@Identifier("klaxon-assignments")
@Readiness
public class ConsumerAssignments implements KafkaConsumerRebalanceListener, HealthCheck {

    private static final Logger LOG = Logger.getLogger(ConsumerAssignments.class);
    /** {@code mp.messaging.incoming.<channel>.topic}, the channel's prefix in group 1. */
    private static final java.util.regex.Pattern CHANNEL_TOPIC = java.util.regex.Pattern
            .compile("(mp\\.messaging\\.incoming\\.[^.]+)\\.topic");

    private final Set<String> expected = new TreeSet<>();
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    public ConsumerAssignments(Config config) {
        for (String name : config.getPropertyNames()) {
            java.util.regex.Matcher m = CHANNEL_TOPIC.matcher(name);
            if (m.matches() && config.getOptionalValue(m.group(1) + ".connector", String.class)
                    .filter("smallrye-kafka"::equals).isPresent()
                    && config.getOptionalValue(m.group(1) + ".enabled", Boolean.class).orElse(true)) {
                expected.add(config.getValue(name, String.class));
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<String> topics = new HashSet<>(consumer.subscription());
        partitions.forEach(p -> topics.add(p.topic()));
        for (String topic : topics) {
            if (joined.add(topic)) {
                LOG.infof("consuming %s: %d partition(s) assigned", topic, partitions.stream()
                        .filter(p -> p.topic().equals(topic)).count());
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        Set<String> waiting = new TreeSet<>(expected);
        waiting.removeAll(joined);
        return HealthCheckResponse.named("Kafka consumers assigned").status(waiting.isEmpty())
                .withData("waiting for", waiting.isEmpty() ? "nothing" : String.join(", ", waiting)).build();
    }
}
