package dev.klaxon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.klaxon.events.Topics;

/**
 * The real Kafka broker and PostgreSQL server the tests of one JVM share.
 *
 * <p>With a Docker engine, Testcontainers provides both. Without one, a Kafka broker is started as a separate JVM
 * by {@code deploy/kafka-broker.sh} (the same runner {@code ./klaxon up} uses) and PostgreSQL is the one
 * {@code deploy/postgres.sh ensure} finds or starts. {@code KLAXON_TEST_INFRA=local|docker} forces a path.
 */
public final class Infra {

    /** Partition counts the tests create topics with; the same as deploy/kafka-broker.sh. */
    public static final Map<String, Integer> PARTITIONS = Map.of(
            Topics.ALERTS_NORMALIZED, 6, Topics.INCIDENTS_SIGNALS, 6, Topics.INCIDENTS_LIFECYCLE, 3,
            Topics.NOTIFICATIONS_REQUESTED, 6, Topics.NOTIFICATIONS_STATUS, 3, Topics.INCIDENTS_COMMANDS, 3);

    private static Infra instance;

    private final String kafkaBootstrap;
    private final PgServer pg;
    private final List<Runnable> stops = new ArrayList<>();
    /** Environment of the local broker's runner; null when Testcontainers provides Kafka. */
    private Map<String, String> kafkaEnv;

    /** Where a PostgreSQL server answers. */
    public record PgServer(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** System properties that share one JVM's infrastructure across class loaders (Quarkus test profiles). */
    private static final String SHARED_KAFKA = "klaxon.testkit.kafka";
    private static final String SHARED_KAFKA_ENV = "klaxon.testkit.kafka.env";
    private static final String SHARED_PG = "klaxon.testkit.pg";

    private Infra() {
        String shared = System.getProperty(SHARED_KAFKA);
        if (shared != null) {
            // another class loader of this JVM started it all; it also stops it all
            kafkaBootstrap = shared;
            String[] pgParts = System.getProperty(SHARED_PG).split("\n", -1);
            pg = new PgServer(pgParts[0], Integer.parseInt(pgParts[1]), pgParts[2], pgParts[3]);
            String env = System.getProperty(SHARED_KAFKA_ENV, "");
            if (!env.isEmpty()) {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                for (String line : env.split("\n")) {
                    int eq = line.indexOf('=');
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
                kafkaEnv = m;
            }
            return;
        }
        boolean docker = useDocker();
        System.out.println("[klaxon-testkit] infrastructure: " + (docker ? "Testcontainers (Docker)" : "local processes"));
        if (docker) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");
            kafka.start();
            postgres.start();
            stops.add(kafka::stop);
            stops.add(postgres::stop);
            kafkaBootstrap = kafka.getBootstrapServers();
            pg = new PgServer(postgres.getHost(), postgres.getFirstMappedPort(), postgres.getUsername(),
                    postgres.getPassword());
        } else {
            kafkaBootstrap = startLocalKafka();
            pg = ensureLocalPostgres();
        }
        createTopics();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stops.forEach(Runnable::run)));
        System.setProperty(SHARED_PG, pg.host() + "\n" + pg.port() + "\n" + pg.user() + "\n"
                + (pg.password() == null ? "" : pg.password()));
        if (kafkaEnv != null) {
            StringBuilder env = new StringBuilder();
            kafkaEnv.forEach((k, v) -> env.append(env.length() == 0 ? "" : "\n").append(k).append('=').append(v));
            System.setProperty(SHARED_KAFKA_ENV, env.toString());
        }
        System.setProperty(SHARED_KAFKA, kafkaBootstrap);
    }

    /** The infrastructure of this JVM, started on first use. */
    public static synchronized Infra get() {
        if (instance == null) {
            instance = new Infra();
        }
        return instance;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public PgServer pg() {
        return pg;
    }

    /** Whether the broker is a local process this JVM can stop and start (not a container). */
    public boolean canRestartKafka() {
        return kafkaEnv != null;
    }

    /** Stops the local broker (its data stays), for outage tests. */
    public void stopKafka() {
        Path project = projectDir();
        run(project, kafkaEnv, "bash", project.resolve("deploy/kafka-broker.sh").toString(), "stop");
    }

    /** Starts the local broker again on the same port with the same data. */
    public void startKafka() {
        Path project = projectDir();
        run(project, kafkaEnv, "bash", project.resolve("deploy/kafka-broker.sh").toString(), "start");
    }

    /** Drops (if present) and creates a database, so each test run starts from empty tables. */
    public void recreateDatabase(String name) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The repository root: from -Dklaxon.project.dir, else found by walking up to deploy/kafka-broker.sh. */
    public static Path projectDir() {
        String prop = System.getProperty("klaxon.project.dir");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath();
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/kafka-broker.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the Klaxon repository root (deploy/kafka-broker.sh)");
        }
        return p;
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean useDocker() {
        String forced = System.getenv().getOrDefault("KLAXON_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        if (forced.equals("local")) {
            return false;
        }
        if (forced.equals("docker")) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private String startLocalKafka() {
        Path project = projectDir();
        Path dir = project.resolve("target/test-kafka/" + ProcessHandle.current().pid());
        int port = freePort();
        int controllerPort = freePort();
        Map<String, String> env = Map.of(
                "KLAXON_KAFKA_DIR", dir.toString(),
                "KLAXON_KAFKA_PORT", Integer.toString(port),
                "KLAXON_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
                "KLAXON_KAFKA_HEAP", "-Xms64m -Xmx384m");
        run(project, env, "bash", project.resolve("deploy/kafka-broker.sh").toString(), "start");
        kafkaEnv = env;
        stops.add(() -> {
            run(project, env, "bash", project.resolve("deploy/kafka-broker.sh").toString(), "stop");
            deleteQuietly(dir);
        });
        return "127.0.0.1:" + port;
    }

    private PgServer ensureLocalPostgres() {
        Path project = projectDir();
        String line = run(project, Map.of(), "bash", project.resolve("deploy/postgres.sh").toString(), "ensure")
                .strip();
        String[] parts = line.split(" ", -1);
        if (parts.length < 3) {
            throw new IllegalStateException("deploy/postgres.sh ensure printed an unexpected line: " + line);
        }
        return new PgServer(parts[0], Integer.parseInt(parts[1]), parts[2], parts.length > 3 ? parts[3] : "");
    }

    private void createTopics() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            PARTITIONS.forEach((name, partitions) -> {
                topics.add(new NewTopic(name, partitions, (short) 1));
                topics.add(new NewTopic(Topics.deadLetter(name), 1, (short) 1));
            });
            admin.createTopics(topics).values().values().forEach(f -> {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics: " + e.getMessage(), e);
                    }
                }
            });
        }
    }

    /** Runs a command to completion, returning its stdout; stderr goes to this JVM's stderr. */
    static String run(Path dir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when something accepts TCP connections on host:port. */
    public static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: target/ is cleaned by the next mvn clean anyway
        }
    }
}
