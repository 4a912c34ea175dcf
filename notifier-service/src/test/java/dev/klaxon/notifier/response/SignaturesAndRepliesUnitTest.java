package dev.klaxon.notifier.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.IncidentCommand.Action;
import dev.klaxon.notifier.config.RepliesConfig;

class SignaturesAndRepliesUnitTest {

    @Test
    void slackSignatureMatchesSlacksPublishedExample() {
        // the worked example in Slack's "Verifying requests from Slack" guide
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        Instant at = Instant.ofEpochSecond(1531420618);
        assertTrue(Signatures.slackValid(secret, "1531420618", body, signature, at, Duration.ofMinutes(5)));
        assertFalse(Signatures.slackValid(secret, "1531420618", body, signature, at.plusSeconds(301),
                Duration.ofMinutes(5)), "too old: a replay");
        assertFalse(Signatures.slackValid(secret, "1531420618", body + "x", signature, at, Duration.ofMinutes(5)));
        assertFalse(Signatures.slackValid(null, "1531420618", body, signature, at, Duration.ofMinutes(5)));
    }

    @Test
    void twilioSignatureMatchesTwiliosPublishedExample() {
        // the worked example in Twilio's "Webhooks security" guide
        String token = "12345";
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                "From", "+12349013030", "To", "+18005551212");
        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", Signatures.twilio(token, url, params));
        assertTrue(Signatures.twilioValid(token, url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        assertFalse(Signatures.twilioValid(token, url + "&x=1", params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    @Test
    void smsRepliesReadTheWaysPeopleTypeThem() {
        assertEquals(Optional.of(new SmsReply(42, Action.ACKNOWLEDGE)), SmsReply.parse("42A"));
        assertEquals(Optional.of(new SmsReply(42, Action.ACKNOWLEDGE)), SmsReply.parse(" 42 a "));
        assertEquals(Optional.of(new SmsReply(42, Action.RESOLVE)), SmsReply.parse("42r"));
        assertEquals(Optional.of(new SmsReply(1, Action.RESOLVE)), SmsReply.parse("1c"));
        assertEquals(Optional.of(new SmsReply(42, Action.ACKNOWLEDGE)), SmsReply.parse("ACK 42"));
        assertEquals(Optional.of(new SmsReply(42, Action.RESOLVE)), SmsReply.parse("res #42"));
        assertEquals(Optional.of(new SmsReply(42, Action.RESOLVE)), SmsReply.parse("Resolve INC-42."));
        assertEquals(Optional.empty(), SmsReply.parse("on my way"));
        assertEquals(Optional.empty(), SmsReply.parse("42"));
        assertEquals(Optional.empty(), SmsReply.parse(null));
    }

    @Test
    void ackTokensVerifyUntilTheyExpireAndCannotBeAltered() {
        RepliesConfig config = new RepliesConfig() {
            public Optional<String> ackLinkSecret() {
                return Optional.of("s3cret");
            }

            public Duration ackLinkTtl() {
                return Duration.ofHours(24);
            }

            public String slackResponseUrlPrefix() {
                return "https://hooks.slack.com/";
            }

            public Duration slackMaxAge() {
                return Duration.ofMinutes(5);
            }
        };
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        UUID incident = UUID.randomUUID();
        String token = new AckTokens(config, Clock.fixed(now, ZoneOffset.UTC)).issue(incident, 42, "Ana | Ops");
        AckTokens.AckToken t = new AckTokens(config, Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC))
                .verify(token).orElseThrow();
        assertEquals(incident, t.incidentId());
        assertEquals(42, t.incidentNumber());
        assertEquals("Ana | Ops", t.recipient());
        assertTrue(new AckTokens(config, Clock.fixed(now.plus(Duration.ofHours(24)), ZoneOffset.UTC)).verify(token)
                .isEmpty(), "expired");
        String[] parts = token.split("\\.");
        assertTrue(new AckTokens(config, Clock.fixed(now, ZoneOffset.UTC)).verify(parts[0] + "x." + parts[1])
                .isEmpty(), "altered");
    }
}
