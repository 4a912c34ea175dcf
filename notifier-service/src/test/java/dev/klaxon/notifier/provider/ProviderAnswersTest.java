package dev.klaxon.notifier.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

class ProviderAnswersTest {

    static ProviderHttp.Answer answer(int status, String body) {
        return new ProviderHttp.Answer(status, body, null);
    }

    @Test
    void slackOkIsDeliveredWithChannelAndTimestamp() {
        SendResult r = SlackSender.result(answer(200, "{\"ok\":true,\"channel\":\"D01\",\"ts\":\"1700000000.0001\"}"));
        assertTrue(r.delivered());
        assertEquals("D01/1700000000.0001", r.providerMessageId());
    }

    @Test
    void slackLogicalErrorsFailUnlessTransient() {
        SendResult gone = SlackSender.result(answer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        assertFalse(gone.delivered());
        assertFalse(gone.retryable());
        assertEquals("Slack: channel_not_found", gone.error());
        SendResult limited = SlackSender.result(new ProviderHttp.Answer(200, "{\"ok\":false,\"error\":\"ratelimited\"}",
                Duration.ofSeconds(3)));
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(3), limited.retryAfter());
    }

    @Test
    void httpStatusDecidesForTwilio() {
        assertEquals("SM123", TwilioSender.result(answer(201, "{\"sid\":\"SM123\"}")).providerMessageId());
        assertTrue(TwilioSender.result(answer(500, "oops")).retryable());
        assertTrue(TwilioSender.result(answer(429, "slow down")).retryable());
        SendResult invalid = TwilioSender.result(answer(400, "{\"code\":21211,\"message\":\"Invalid 'To'\"}"));
        assertFalse(invalid.retryable());
        assertTrue(invalid.error().startsWith("Twilio answered 400: "), invalid.error());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        Instant now = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(Duration.ofSeconds(7), ProviderHttp.retryAfter("7", now));
        assertEquals(Duration.ofSeconds(90), ProviderHttp.retryAfter("Tue, 24 Nov 2026 09:01:30 GMT", now));
        assertEquals(Duration.ZERO, ProviderHttp.retryAfter("Tue, 24 Nov 2026 08:00:00 GMT", now));
        assertNull(ProviderHttp.retryAfter("soon", now));
        assertNull(ProviderHttp.retryAfter(null, now));
    }

    @Test
    void smtpPermanentRepliesFailAndTheRestAreRetried() {
        assertFalse(EmailSender.result(new SMTPException("rcpt", 550, List.of("550 5.1.1 no such user"), false))
                .retryable());
        assertTrue(EmailSender.result(new SMTPException("rcpt", 451, List.of("451 try later"), false)).retryable());
        assertTrue(EmailSender.result(new java.net.ConnectException("Connection refused")).retryable());
    }
}
