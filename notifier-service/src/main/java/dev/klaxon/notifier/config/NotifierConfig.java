package dev.klaxon.notifier.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Providers, delivery retries and public links of the notifier. */
@ConfigMapping(prefix = "klaxon.notifier")
public interface NotifierConfig {

    /** How the notifier reaches Slack and Twilio (SMTP is quarkus.mailer.*). */
    Providers providers();

    /** Delivery timing. */
    Delivery delivery();

    /** The notifier's public base URL, used in links that people open. */
    @WithDefault("http://localhost:8084")
    String publicUrl();

    /** Provider endpoints and credentials; secrets are never logged nor returned. */
    interface Providers {
        Slack slack();

        Twilio twilio();
    }

    /** Slack Web API. */
    interface Slack {
        /** Base URL of the Web API. */
        @WithDefault("https://slack.com/api")
        String apiUrl();

        /** Bot token (xoxb-…); without it Slack deliveries fail with a clear error. */
        Optional<String> botToken();
    }

    /** Twilio Messages API. */
    interface Twilio {
        /** Base URL of the REST API. */
        @WithDefault("https://api.twilio.com")
        String apiUrl();

        Optional<String> accountSid();

        Optional<String> authToken();

        /** The sending number (E.164). */
        Optional<String> from();
    }

    /** Retries and the sender loop. */
    interface Delivery {
        /** How often due deliveries are looked for (a new notification is sent at once regardless). */
        @WithDefault("1s")
        Duration interval();

        /** Attempts before a delivery is given up as failed. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; doubled per attempt, with jitter. */
        @WithDefault("2s")
        Duration backoffBase();

        /** Longest retry delay. */
        @WithDefault("5m")
        Duration backoffMax();

        /** Timeout of one provider call. */
        @WithDefault("10s")
        Duration timeout();

        /** A delivery still SENDING this long after its claim was interrupted (the service stopped mid-send). */
        @WithDefault("5m")
        Duration interruptedAfter();
    }
}
