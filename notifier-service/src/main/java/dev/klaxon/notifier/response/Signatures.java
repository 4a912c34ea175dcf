package dev.klaxon.notifier.response;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The providers' request signatures, checked in constant time. */
public final class Signatures {

    private Signatures() {
    }

    /**
     * Slack's v0 signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<raw body>} with the app's
     * signing secret; a timestamp further than {@code maxAge} from now is refused as a replay.
     */
    public static boolean slackValid(String signingSecret, String timestamp, String rawBody, String signature,
            Instant now, Duration maxAge) {
        if (signingSecret == null || timestamp == null || signature == null || rawBody == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > maxAge.toSeconds()) {
            return false;
        }
        return equal(slack(signingSecret, ts, rawBody), signature.trim());
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio called
     * followed by every POST parameter's name and value, sorted by name.
     */
    public static boolean twilioValid(String authToken, String url, Map<String, String> params, String signature) {
        if (authToken == null || signature == null) {
            return false;
        }
        return equal(twilio(authToken, url, params), signature.trim());
    }

    /** Twilio's signature of a request, for tests and tools that play Twilio. */
    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString()));
    }

    /** Slack's signature of a request, for tests and tools that play Slack. */
    public static String slack(String signingSecret, long timestamp, String rawBody) {
        return "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", signingSecret, "v0:" + timestamp + ":" + rawBody));
    }

    public static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    static boolean equal(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
