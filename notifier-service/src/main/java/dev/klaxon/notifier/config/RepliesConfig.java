package dev.klaxon.notifier.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How people answer a page: signed acknowledge links in email, Slack buttons, SMS replies ({@code klaxon.replies}). */
@ConfigMapping(prefix = "klaxon.replies")
public interface RepliesConfig {

    /**
     * Secret that signs acknowledge links ({@code KLAXON_ACK_LINK_SECRET}); every replica needs the same one. Without
     * it each process makes its own, so links stop working when it restarts.
     */
    Optional<String> ackLinkSecret();

    /** How long an acknowledge link works after the email is sent. */
    @WithDefault("24h")
    Duration ackLinkTtl();

    /**
     * Where Slack's {@code response_url} may point; the notifier answers the person who pressed a button there and
     * nowhere else.
     */
    @WithDefault("https://hooks.slack.com/")
    String slackResponseUrlPrefix();

    /** How old a Slack request's timestamp may be before it is refused as a replay. */
    @WithDefault("5m")
    Duration slackMaxAge();
}
