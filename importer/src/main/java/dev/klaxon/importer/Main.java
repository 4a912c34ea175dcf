package dev.klaxon.importer;

import dev.klaxon.importer.grafana.GrafanaOnCallCommand;
import dev.klaxon.importer.opsgenie.OpsgenieCommand;
import dev.klaxon.importer.pagerduty.PagerDutyCommand;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import picocli.CommandLine;

/**
 * The importer is a Quarkus command-mode application: it starts, runs one picocli command (whose subcommands are CDI
 * beans with constructor injection) and exits with its code.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    private final Instance<Object> beans;

    public Main(Instance<Object> beans) {
        this.beans = beans;
    }

    @Override
    public int run(String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Instance<K> bean = beans.select(type);
                return bean.isResolvable() ? bean.get() : CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(ImportCommand.class, factory).setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(java.time.Instant.class, java.time.Instant::parse).execute(args);
    }

    /** The commands, kept by Arc although nothing injects them. */
    static final Class<?>[] COMMANDS = { PagerDutyCommand.class, GrafanaOnCallCommand.class, OpsgenieCommand.class };
}
