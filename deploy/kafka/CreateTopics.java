// Creates Klaxon's topics on a running broker and doubles as its readiness probe.
// Usage: java -cp "<kafka-libs>/*" deploy/kafka/CreateTopics.java HOST:PORT name:partitions ...
// Retries until the broker answers (KLAXON_KAFKA_WAIT_SECONDS, default 60) and gives up early when the
// broker process named by KLAXON_KAFKA_PID has exited; existing topics are left alone.
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CreateTopics HOST:PORT [name:partitions ...]");
            System.exit(2);
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(":");
            wanted.add(new NewTopic(p[0], Integer.parseInt(p[1]), (short) 1));
        }
        String wait = System.getenv().getOrDefault("KLAXON_KAFKA_WAIT_SECONDS", "60");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(wait));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        String brokerPid = System.getenv("KLAXON_KAFKA_PID");
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    int created = 0;
                    for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e
                            : admin.createTopics(wanted.stream().filter(t -> !existing.contains(t.name())).toList())
                                   .values().entrySet()) {
                        try {
                            e.getValue().get(10, TimeUnit.SECONDS);
                            created++;
                        } catch (ExecutionException ex) {
                            if (!(ex.getCause() instanceof TopicExistsException)) throw ex;
                        }
                    }
                    System.out.printf("kafka ready at %s: %d topic(s) created, %d already present%n",
                            args[0], created, wanted.size() - created);
                    return;
                } catch (Exception ex) {
                    last = ex;
                    if (brokerPid != null && ProcessHandle.of(Long.parseLong(brokerPid)).isEmpty()) {
                        System.err.println("kafka broker process " + brokerPid + " exited: " + ex);
                        System.exit(1);
                    }
                    Thread.sleep(1000);
                }
            }
        }
        System.err.println("kafka at " + args[0] + " not ready after " + wait + " s: " + last);
        System.exit(1);
    }
}
