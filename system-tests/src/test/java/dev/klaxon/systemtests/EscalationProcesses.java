package dev.klaxon.systemtests;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSignal;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.Infra;
import dev.klaxon.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged escalation-service on its own, as one or more processes sharing a database and a consumer group that
 * belong to one test, fed triage's signals directly on {@code incidents.signals}.
 */
final class EscalationProcesses implements AutoCloseable {

    /** Unique per test run: in incident keys and titles, the database name and the consumer group. */
    final String run;
    private final Path project = Infra.projectDir();
    private final Map<String, String> env = new HashMap<>();
    private final List<ServiceProcess> started = new ArrayList<>();
    private final KafkaProducer<String, String> producer;

    EscalationProcesses(String name) {
        run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Infra infra = Infra.get();
        String database = "klaxon_sys_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        infra.recreateDatabase(database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("KLAXON_DB_HOST", infra.pg().host());
        env.put("KLAXON_DB_PORT", Integer.toString(infra.pg().port()));
        env.put("KLAXON_DB_USER", infra.pg().user());
        env.put("KLAXON_DB_PASSWORD", infra.pg().password() == null ? "" : infra.pg().password());
        env.put("KLAXON_DB_NAME", database);
        env.put("KLAXON_JWT_PUBLIC_KEY", TestTokens.publicKeyFile().toString());
        // a group of this test's own: other tests' escalation-service (group escalation-service) shares the broker,
        // and every process of this test is a member of this one group
        String group = "escalation-" + run;
        for (String channel : List.of("INCIDENT_SIGNALS", "INCIDENT_COMMANDS", "DELIVERY_STATUS")) {
            env.put("MP_MESSAGING_INCOMING_" + channel + "_GROUP_ID", group);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    /** Starts one more process of the service (not waiting for it); its log is target/&lt;label&gt;.log. */
    ServiceProcess start(String label) {
        ServiceProcess p = ServiceProcess.start(project, "escalation-service", label, Infra.freePort(), env);
        started.add(p);
        return p;
    }

    static RequestSpecification admin(ServiceProcess p) {
        return given().baseUri(p.baseUrl()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    /**
     * Creates people and an escalation policy of {@code steps} steps of {@code timeoutSeconds} each, walked
     * {@code repeat} more times; the last step pages two people, every other step one.
     */
    Ladder createLadder(ServiceProcess p, int steps, int timeoutSeconds, int repeat) {
        List<List<UUID>> people = new ArrayList<>();
        List<Map<String, Object>> stepInputs = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            List<UUID> ofStep = new ArrayList<>();
            for (int n = 0; n < (s == steps - 1 ? 2 : 1); n++) {
                String who = "step" + (s + 1) + "-person" + (n + 1);
                String id = admin(p).body(Map.of("name", who, "email", who + "@example.com", "slackUserId",
                        "U" + s + n, "timeZone", "Europe/London")).post("/api/v1/users").then().statusCode(201)
                        .extract().path("id");
                ofStep.add(UUID.fromString(id));
            }
            people.add(List.copyOf(ofStep));
            stepInputs.add(Map.of("timeoutSeconds", timeoutSeconds, "targets",
                    ofStep.stream().map(id -> Map.of("type", "USER", "id", id.toString())).toList()));
        }
        String name = "Ladder " + run;
        admin(p).body(Map.of("name", name, "isDefault", false, "repeat", repeat, "steps", stepInputs))
                .post("/api/v1/escalation-policies").then().statusCode(201);
        return new Ladder(name, List.copyOf(people), repeat);
    }

    /** Puts a TRIGGER signal on incidents.signals as triage does: enveloped, keyed by the incident key. */
    void trigger(String incidentKey, String title, String policy) {
        Instant now = Instant.now();
        IncidentSignal s = new IncidentSignal(IncidentSignal.Action.TRIGGER, incidentKey, title,
                "opened by " + run, Severity.P2, "checkout", policy, incidentKey, "generic", 1, List.of(), Map.of(),
                now, null, null);
        try {
            producer.send(new ProducerRecord<>(Topics.INCIDENTS_SIGNALS, incidentKey,
                    EventJson.write(EventEnvelope.of(s.eventType(), "triage-service", now, s))))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the signal for " + incidentKey + ": " + e.getMessage(), e);
        }
    }

    /** Ids of the incidents this test opened (their keys start with {@link #run}), as one process lists them. */
    static List<UUID> incidentIds(ServiceProcess p, String keyPrefix) {
        List<Map<String, Object>> all = given().baseUri(p.baseUrl()).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents?limit=500").then().statusCode(200).extract().path("");
        return all.stream().filter(i -> String.valueOf(i.get("incidentKey")).startsWith(keyPrefix))
                .map(i -> UUID.fromString((String) i.get("id"))).toList();
    }

    /** The types of an incident's timeline entries, oldest first. */
    static List<String> timelineTypes(ServiceProcess p, UUID incident) {
        return given().baseUri(p.baseUrl()).auth().oauth2(TestTokens.viewer())
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200).extract().path("type");
    }

    /** How many escalation timers the process fired (its {@code klaxon.escalation.timers.fired} counter). */
    static long timersFired(ServiceProcess p) {
        String metrics = given().baseUri(p.baseUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("klaxon_escalation_timers_fired_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The last log lines of every process this test started. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (ServiceProcess p : started) {
            sb.append("\n----- ").append(p.baseUrl()).append(" -----\n").append(p.tail(40));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        started.forEach(ServiceProcess::close);
        producer.close();
    }
}
