package dev.klaxon.notifier.response;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.klaxon.notifier.config.RepliesConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signed, expiring acknowledge links for email: the token names the incident and the person it was sent to, and
 * carries an HMAC-SHA256 over both and the expiry, so it cannot be forged or stretched.
 */
@ApplicationScoped
public class AckTokens {

    private static final Logger LOG = Logger.getLogger(AckTokens.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a valid token says. */
    public record AckToken(UUID incidentId, long incidentNumber, String recipient, Instant expiresAt) {
    }

    private final String secret;
    private final RepliesConfig config;
    private final Clock clock;

    public AckTokens(RepliesConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.secret = config.ackLinkSecret().filter(s -> !s.isBlank()).orElseGet(() -> {
            LOG.warn("KLAXON_ACK_LINK_SECRET is not set: acknowledge links will stop working when this process "
                    + "restarts and will not work on other replicas");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
    }

    /** A token for a person's page about an incident, valid for the configured time. */
    public String issue(UUID incidentId, long incidentNumber, String recipient) {
        Instant expires = clock.instant().plus(config.ackLinkTtl());
        String payload = incidentId + "|" + incidentNumber + "|" + expires.getEpochSecond() + "|"
                + (recipient == null ? "" : recipient);
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(Signatures.hmac("HmacSHA256", secret, encoded));
    }

    /** The token's content when its signature holds and it has not expired. */
    public Optional<AckToken> verify(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        String expected = B64.encodeToString(Signatures.hmac("HmacSHA256", secret, encoded));
        if (!Signatures.equal(expected, token.substring(dot + 1))) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", 4);
            AckToken t = new AckToken(UUID.fromString(parts[0]), Long.parseLong(parts[1]),
                    parts[3].isEmpty() ? null : parts[3], Instant.ofEpochSecond(Long.parseLong(parts[2])));
            return clock.instant().isBefore(t.expiresAt()) ? Optional.of(t) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
