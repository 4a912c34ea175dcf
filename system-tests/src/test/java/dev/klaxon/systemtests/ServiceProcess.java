package dev.klaxon.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Klaxon service ({@code target/quarkus-app/quarkus-run.jar}) running as its own process. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the service's jar with the given environment; its output goes to target/&lt;name&gt;.log. */
    static ServiceProcess start(Path projectDir, String name, int port, Map<String, String> env) {
        return start(projectDir, name, name, port, env);
    }

    /**
     * Starts one more process of a service (a replica, or the same service again after a crash) under its own label;
     * its output goes to target/&lt;label&gt;.log.
     */
    static ServiceProcess start(Path projectDir, String name, String label, int port, Map<String, String> env) {
        // -Dklaxon.jar.<service>=<path> runs another build of a service (to measure an older one beside this one)
        Path jar = Path.of(System.getProperty("klaxon.jar." + name,
                projectDir.resolve(name).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package` (mvn verify builds it first)");
        }
        Path log = projectDir.resolve("system-tests/target/" + label + ".log");
        try {
            Files.createDirectories(log.getParent());
            // an earlier system of this run used the same label: keep its log, it may explain a failure
            for (int n = 1; Files.exists(log); n++) {
                Path kept = log.resolveSibling(label + "." + n + ".log");
                if (!Files.exists(kept)) {
                    Files.move(log, kept);
                }
            }
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                    jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(label, port, log, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /q/health/ready} answers 200 (Kafka and PostgreSQL reachable). */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail(60));
    }

    /** The last lines of the service's output, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The operating system's process id. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process the way a crash or the OOM killer would: SIGKILL, no shutdown hooks, nothing flushed. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
