package dev.klaxon.notifier.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the notifier reaches Slack and Twilio, with which credentials, and the notifier's own public address.
 * SMTP is configured through {@code quarkus.mailer.*} (fed by {@code KLAXON_SMTP_*}). Secrets are never logged.
 */
@ConfigMapping(prefix = "klaxon.providers")
public interface ProvidersConfig {

    /** Slack Web API. */
    Slack slack();

    /** Twilio Messages API. */
    Twilio twilio();

    /** Outbound webhooks. */
    Webhook webhook();

    /** Longest wait for one provider call (connect plus answer); a call that takes longer is retried. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * The notifier's public base URL ({@code KLAXON_PUBLIC_URL}); its host names the messages the notifier
     * originates (email Message-ID and thread references) and it is where people and providers reach the notifier.
     */
    @WithDefault("http://localhost:8084")
    String publicUrl();

    /** Slack Web API settings. */
    interface Slack {
        /** Base URL of the Web API ({@code KLAXON_SLACK_API_URL}); {@code /chat.postMessage} is appended. */
        @WithDefault("https://slack.com/api")
        String apiUrl();

        /** Bot token, xoxb-… ({@code KLAXON_SLACK_BOT_TOKEN}); without it Slack deliveries fail with a clear error. */
        Optional<String> botToken();

        /**
         * Signing secret of the Slack app ({@code KLAXON_SLACK_SIGNING_SECRET}); button presses are verified with it
         * and refused without it.
         */
        Optional<String> signingSecret();
    }

    /** Twilio Messages API settings. */
    interface Twilio {
        /** Base URL of the REST API ({@code KLAXON_TWILIO_API_URL}). */
        @WithDefault("https://api.twilio.com")
        String apiUrl();

        /** Account SID, AC… ({@code KLAXON_TWILIO_ACCOUNT_SID}); also the Basic-auth user. */
        Optional<String> accountSid();

        /** Auth token ({@code KLAXON_TWILIO_AUTH_TOKEN}); the Basic-auth password. */
        Optional<String> authToken();

        /** The sending number in E.164 form ({@code KLAXON_TWILIO_FROM}). */
        Optional<String> from();
    }

    /** Outbound webhook settings. */
    interface Webhook {
        /**
         * Secret that signs every outbound webhook ({@code KLAXON_WEBHOOK_SECRET}): {@code X-Klaxon-Signature} is
         * {@code v1=} + hex HMAC-SHA256 of {@code <X-Klaxon-Timestamp>.<body>}. Without it webhook deliveries fail
         * with a clear error rather than go out unsigned.
         */
        Optional<String> signingSecret();
    }
}
