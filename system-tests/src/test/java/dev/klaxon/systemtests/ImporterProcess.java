package dev.klaxon.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.klaxon.testkit.Infra;

/** Runs the packaged importer ({@code importer/target/quarkus-app/quarkus-run.jar}) as ./klaxon import does. */
final class ImporterProcess {

    /** What a run printed and how it ended. */
    record Run(int exit, String output) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + output;
        }
    }

    private ImporterProcess() {
    }

    static Run run(Map<String, String> env, String... args) {
        Path project = Infra.projectDir();
        Path jar = project.resolve("importer/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package` (mvn verify builds it first)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("klaxon-import", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the importer did not finish within 4 minutes:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
