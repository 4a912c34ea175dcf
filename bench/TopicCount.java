import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a topic holds (sum of its partitions' end offsets), to check a benchmark's accepted requests
 * against what is really durable in Kafka.
 *
 * Usage: java -cp 'kafka-libs/*' TopicCount.java BOOTSTRAP TOPIC
 */
public class TopicCount {

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", args[0]);
        try (Admin admin = Admin.create(p)) {
            int partitions = admin.describeTopics(java.util.List.of(args[1])).allTopicNames().get().get(args[1])
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(args[1], i), OffsetSpec.latest());
            }
            long total = admin.listOffsets(latest).all().get().values().stream()
                    .collect(Collectors.summingLong(o -> o.offset()));
            System.out.println(total);
        }
    }
}
