package dev.klaxon.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.klaxon.testkit.Infra;
import dev.klaxon.testkit.TestTokens;

/**
 * The whole of Klaxon for a black-box test: real Kafka and PostgreSQL, the four packaged services as processes,
 * WireMock answering as Slack and Twilio, and GreenMail as the SMTP server.
 */
final class KlaxonSystem implements AutoCloseable {

    static final String SLACK_TOKEN = "xoxb-system-test";
    static final String TWILIO_SID = "ACsystemtest";
    static final String TWILIO_TOKEN = "twilio-secret";
    static final String TWILIO_FROM = "+15005550006";
    static final String SLACK_SIGNING_SECRET = "system-test-slack-signing-secret";

    final WireMockServer providers;
    final GreenMail smtp;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path project = Infra.projectDir();

    KlaxonSystem() {
        this(null, List.of("alert-ingest", "triage-service", "escalation-service", "notifier-service"));
    }

    /** Only these of the four services (the importer's tests need escalation-service and alert-ingest). */
    KlaxonSystem(List<String> only) {
        this(null, only);
    }

    /**
     * The services named, with Slack and Twilio at {@code providersUrl} instead of the WireMock (a stand-in that
     * answers look-ups), when it is given.
     */
    KlaxonSystem(String providersUrl, List<String> which) {
        Infra infra = Infra.get();
        providers = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(Infra.freePort()));
        providers.start();
        providers.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0SYSTEM\",\"ts\":\"1732400000.000100\"}")));
        providers.stubFor(post(urlPathEqualTo("/api/chat.update")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0SYSTEM\",\"ts\":\"1732400000.000100\"}")));
        providers.stubFor(post(urlPathMatching("/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}")));
        smtp = new GreenMail(new ServerSetup(Infra.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        String slackAndTwilio = providersUrl != null ? providersUrl : providers.baseUrl();
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        common.put("KLAXON_DB_HOST", infra.pg().host());
        common.put("KLAXON_DB_PORT", Integer.toString(infra.pg().port()));
        common.put("KLAXON_DB_USER", infra.pg().user());
        common.put("KLAXON_DB_PASSWORD", infra.pg().password());
        common.put("KLAXON_JWT_PUBLIC_KEY", TestTokens.publicKeyFile().toString());
        common.put("KLAXON_ESCALATION_TICK", "0.5s");

        Map<String, Map<String, String>> own = new LinkedHashMap<>();
        own.put("alert-ingest", Map.of());
        own.put("triage-service", Map.of());
        own.put("escalation-service", Map.of());
        own.put("notifier-service", Map.ofEntries(
                Map.entry("KLAXON_SLACK_API_URL", slackAndTwilio + "/api"),
                Map.entry("KLAXON_SLACK_BOT_TOKEN", SLACK_TOKEN),
                Map.entry("KLAXON_TWILIO_API_URL", slackAndTwilio),
                Map.entry("KLAXON_TWILIO_ACCOUNT_SID", TWILIO_SID),
                Map.entry("KLAXON_TWILIO_AUTH_TOKEN", TWILIO_TOKEN),
                Map.entry("KLAXON_TWILIO_FROM", TWILIO_FROM),
                Map.entry("KLAXON_SMTP_HOST", "127.0.0.1"),
                Map.entry("KLAXON_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("KLAXON_SMTP_FROM", "klaxon@example.com"),
                // one SMS a minute per number would stretch these tests; ReliabilityTest covers the limits
                Map.entry("KLAXON_RATE_LIMITS_ENABLED", "false"),
                Map.entry("KLAXON_SLACK_SIGNING_SECRET", SLACK_SIGNING_SECRET)));
        List<ServiceProcess> starting = new ArrayList<>();
        own.forEach((name, extra) -> {
            if (!which.contains(name)) {
                return;
            }
            String database = "klaxon_sys_" + name.replace("-service", "").replace("alert-", "");
            infra.recreateDatabase(database);
            Map<String, String> env = new HashMap<>(common);
            env.putAll(extra);
            env.put("KLAXON_DB_NAME", database);
            int port = Infra.freePort();
            environments.put(name, env);
            ports.put(name, port);
            ServiceProcess p = ServiceProcess.start(project, name, port, env);
            services.put(name, p);
            starting.add(p);
        });
        starting.forEach(p -> p.awaitReady(Duration.ofSeconds(180)));
    }

    /**
     * Kills a service with SIGKILL, as a crash or the OOM killer would; {@link #restart} starts it again with the
     * same environment and port, so the same replica name (a restarted process, not a new replica).
     */
    void kill(String service) {
        services.get(service).kill();
    }

    /** Starts a killed service again under a label of its own (its log), and waits until it is ready. */
    ServiceProcess restart(String service, String label) {
        ServiceProcess p = ServiceProcess.start(project, service, label, ports.get(service), environments.get(service));
        services.put(service, p);
        p.awaitReady(Duration.ofSeconds(180));
        return p;
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    /** Every service's last log lines, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        services.forEach((name, p) -> sb.append("\n----- ").append(name).append(" -----\n").append(p.tail(40)));
        return sb.toString();
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        providers.stop();
        smtp.stop();
    }
}
