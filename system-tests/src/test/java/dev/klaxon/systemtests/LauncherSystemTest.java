package dev.klaxon.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.klaxon.testkit.Infra;

/**
 * {@code ./klaxon up} as a user runs it, in a home, ports and databases of its own: it starts everything, and run
 * again right after a service was stopped it starts that service afresh instead of giving up; the stopped process's
 * log and the demo sinks' request journal survive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherSystemTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path project;
    Path home;
    final Map<String, String> env = new HashMap<>();
    final Map<String, Integer> ports = new HashMap<>();

    @BeforeAll
    void aHomeOfItsOwn() throws IOException {
        project = Infra.projectDir();
        home = Files.createTempDirectory("klaxon-launcher-test");
        Infra.PgServer pg = Infra.get().pg();
        for (String name : List.of("INGEST", "TRIAGE", "ESCALATION", "NOTIFIER", "KAFKA", "KAFKA_CONTROLLER",
                "WIREMOCK", "SMTP_SINK", "GREENMAIL_API")) {
            int port = Infra.freePort();
            ports.put(name, port);
            env.put("KLAXON_" + name + "_PORT", Integer.toString(port));
        }
        env.put("KLAXON_HOME", home.toString());
        env.put("KLAXON_DB_PREFIX", "klaxon_launcher");
        env.put("KLAXON_PG_URL", "postgresql://" + pg.user() + (pg.password() == null || pg.password().isEmpty()
                ? "" : ":" + pg.password()) + "@" + pg.host() + ":" + pg.port());
        env.put("KLAXON_SKIP_BUILD", "1"); // mvn verify has just packaged the jars this runs
        env.put("KLAXON_SETTLE_SECONDS", "60");
        String libs = System.getProperty("klaxon.kafka.libs");
        if (libs != null) {
            env.put("KLAXON_KAFKA_LIBS", libs);
        }
    }

    @AfterAll
    void downAndPurge() throws Exception {
        Result down = klaxon("down", "--purge");
        System.out.println("launcher: down --purge exited " + down.exit());
    }

    @Test
    void upRightAfterAServiceWasStoppedStartsItAfreshAndKeepsTheEvidence() throws Exception {
        Result first = klaxon("up");
        assertEquals(0, first.exit(), "first up:\n" + first.output());
        assertTrue(first.output().contains("Klaxon is up"), first.output());
        assertTrue(ready(ports.get("TRIAGE")), "triage-service answers ready");

        // something the providers' stand-in received: it must still be in its journal after the next up
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ports.get("WIREMOCK") + "/api/chat.postMessage")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"#launcher-evidence\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode());

        // stopped the way `kill` or a service manager stops it: SIGTERM, then its graceful shutdown
        long before = Long.parseLong(Files.readString(home.resolve("run/triage-service.pid")).strip());
        ProcessHandle.of(before).orElseThrow().destroy();
        long stopped = System.nanoTime();
        Result second = klaxon("up");
        System.out.printf("launcher: up right after SIGTERM took %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
        assertEquals(0, second.exit(), "up after a stop (before the fix: 'already running', then 'did not become "
                + "ready', exit 1):\n" + second.output());
        long after = Long.parseLong(Files.readString(home.resolve("run/triage-service.pid")).strip());
        assertNotEquals(before, after, "a fresh triage-service process");
        assertTrue(ready(ports.get("TRIAGE")), "the fresh triage-service answers ready");
        assertTrue(ProcessHandle.of(before).map(p -> !p.isAlive()).orElse(true), "the old process is gone");

        Path previous = home.resolve("logs/triage-service.log.1");
        assertTrue(Files.exists(previous), "the stopped process's log is kept as triage-service.log.1");
        assertTrue(Files.readString(previous).contains("triage-service"), "and it is that service's log");
        assertTrue(Files.exists(home.resolve("logs/triage-service.log")), "the fresh process logs anew");

        HttpResponse<String> journal = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ports.get("WIREMOCK") + "/__admin/requests")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(journal.body().contains("#launcher-evidence"), "up left the stand-in's journal alone: "
                + journal.body().substring(0, Math.min(500, journal.body().length())));
    }

    record Result(int exit, String output) {
    }

    Result klaxon(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("klaxon").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("klaxon-" + args[0], ".out"); // not in the home: down --purge deletes it
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, "timed out:\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
