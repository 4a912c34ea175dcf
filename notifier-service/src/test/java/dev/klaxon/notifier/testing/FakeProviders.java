package dev.klaxon.notifier.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.klaxon.testkit.Infra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real servers on loopback speaking the providers' protocols: WireMock as the Slack Web API and Twilio, GreenMail
 * as the SMTP server. Started before Quarkus, so the notifier's configuration points at them.
 */
public class FakeProviders implements QuarkusTestResourceLifecycleManager {

    public static final String SLACK_TOKEN = "xoxb-test-token";
    public static final String TWILIO_SID = "ACtest0123";
    public static final String TWILIO_TOKEN = "twilio-test-secret";
    public static final String TWILIO_FROM = "+15005550006";
    public static final String MAIL_FROM = "klaxon@example.com";
    public static final String SLACK_SIGNING_SECRET = "slack-signing-secret-for-tests";
    public static final String SLACK_RESPONSE_PATH = "/slack-response/";
    public static final String WEBHOOK_SECRET = "webhook-secret-for-tests";
    public static final String CRITICAL_LIST = "critical@example.com";
    public static final String SLACK_PATH = "/api/chat.postMessage";
    public static final String TWILIO_PATH = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";

    public static WireMockServer http;
    public static GreenMail smtp;

    @Override
    public Map<String, String> start() {
        http = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(Infra.freePort()));
        http.start();
        smtp = new GreenMail(new ServerSetup(Infra.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.ofEntries(
                Map.entry("klaxon.providers.slack.signing-secret", SLACK_SIGNING_SECRET),
                Map.entry("klaxon.providers.webhook.signing-secret", WEBHOOK_SECRET),
                Map.entry("quarkus.flyway.placeholders.email_critical", CRITICAL_LIST),
                Map.entry("klaxon.replies.slack-response-url-prefix", http.baseUrl() + SLACK_RESPONSE_PATH),
                Map.entry("klaxon.replies.ack-link-secret", "ack-link-secret-for-tests"),
                Map.entry("klaxon.providers.slack.api-url", http.baseUrl() + "/api"),
                Map.entry("klaxon.providers.slack.bot-token", SLACK_TOKEN),
                Map.entry("klaxon.providers.twilio.api-url", http.baseUrl()),
                Map.entry("klaxon.providers.twilio.account-sid", TWILIO_SID),
                Map.entry("klaxon.providers.twilio.auth-token", TWILIO_TOKEN),
                Map.entry("klaxon.providers.twilio.from", TWILIO_FROM),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("quarkus.mailer.from", MAIL_FROM));
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
