package dev.klaxon.testkit;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real Kafka broker and a fresh PostgreSQL database of this JVM's
 * {@link Infra}, and at the test key pair of {@link TestTokens}. Init arg {@code database} names the database.
 */
public class KlaxonTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "klaxon_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Infra infra = Infra.get();
        infra.recreateDatabase(database);
        Infra.PgServer pg = infra.pg();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
        return config;
    }

    @Override
    public void stop() {
        // the broker and server are shared by every test class of the JVM and stop with it
    }
}
