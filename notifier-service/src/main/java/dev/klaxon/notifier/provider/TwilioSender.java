package dev.klaxon.notifier.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS through Twilio's Messages API: a form POST of To, From and Body with HTTP Basic auth (account SID and auth
 * token), answered 201 with the message sid. The body is the one-segment text rendered for the delivery. After a
 * crash, the account's messages to that number show whether an interrupted send got there.
 */
@ApplicationScoped
public class TwilioSender implements ChannelSender {

    private final ProviderHttp http;
    private final ProvidersConfig.Twilio config;

    public TwilioSender(ProviderHttp http, ProvidersConfig config) {
        this.http = http;
        this.config = config.twilio();
    }

    @Override
    public ContactType contactType() {
        return ContactType.SMS;
    }

    /**
     * After a crash: the messages from our number to the delivery's, newest first; one created since a little before
     * the interrupted attempt began that names the incident (as its page, or in a bundle) is that send.
     */
    @Override
    public Uni<Reconciliation> reconcile(Delivery d) {
        if (config.accountSid().isEmpty() || config.authToken().isEmpty() || config.from().isEmpty()) {
            return Uni.createFrom().item(Reconciliation.unknowable("Twilio is not configured"));
        }
        String sid = config.accountSid().get();
        Instant from = (d.attemptAt() == null ? d.updatedAt() : d.attemptAt()).minusSeconds(5)
                .truncatedTo(ChronoUnit.SECONDS);
        String url = config.apiUrl() + "/2010-04-01/Accounts/" + encode(sid) + "/Messages.json?To="
                + encode(d.address()) + "&From=" + encode(config.from().get()) + "&PageSize=100";
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("\\bINC-" + d.incidentNumber() + "\\b");
        return http.get(url, Map.of("Authorization", "Basic " + basic(), "Accept", "application/json"))
                .map(a -> {
                    if (a.status() / 100 != 2) {
                        return Reconciliation.unknowable("Twilio look-up answered " + a.status());
                    }
                    try {
                        for (JsonNode m : EventJson.mapper().readTree(a.body()).path("messages")) {
                            Instant created = created(m.path("date_created").asText(""));
                            String body = m.path("body").asText("");
                            if (created != null && !created.isBefore(from) && (body.equals(d.body())
                                    || reference.matcher(body).find())) {
                                return Reconciliation.delivered(m.path("sid").asText(null), "found at Twilio ("
                                        + m.path("sid").asText() + ", " + m.path("status").asText() + ")");
                            }
                        }
                        return Reconciliation.notThere("no message to " + d.address() + " at Twilio since " + from);
                    } catch (JsonProcessingException e) {
                        return Reconciliation.unknowable("Twilio look-up answered unreadable JSON");
                    }
                })
                .onFailure().recoverWithItem(e -> Reconciliation.unknowable("Twilio look-up failed: "
                        + ProviderHttp.abbreviate(e.getMessage())));
    }

    /** Twilio's RFC 2822 dates: {@code Wed, 02 Dec 2026 05:00:00 +0000}. */
    static Instant created(String rfc2822) {
        try {
            return ZonedDateTime.parse(rfc2822, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String basic() {
        return Base64.getEncoder().encodeToString((config.accountSid().get() + ":" + config.authToken().get())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        if (config.accountSid().isEmpty() || config.authToken().isEmpty() || config.from().isEmpty()) {
            return Uni.createFrom().item(SendResult.failed("Twilio is not configured (KLAXON_TWILIO_ACCOUNT_SID, "
                    + "KLAXON_TWILIO_AUTH_TOKEN, KLAXON_TWILIO_FROM)"));
        }
        String sid = config.accountSid().get();
        String form = "To=" + encode(d.address()) + "&From=" + encode(config.from().get()) + "&Body="
                + encode(d.body());
        return http.post(config.apiUrl() + "/2010-04-01/Accounts/" + encode(sid) + "/Messages.json", Map.of(
                "Authorization", "Basic " + basic(),
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Accept", "application/json"), form)
                .map(TwilioSender::result)
                .onFailure().recoverWithItem(e -> ProviderHttp.unreachable("Twilio", e));
    }

    static SendResult result(ProviderHttp.Answer a) {
        if (a.status() / 100 != 2) {
            return ProviderHttp.unsuccessful("Twilio", a);
        }
        try {
            return SendResult.delivered(EventJson.mapper().readTree(a.body()).path("sid").asText(null));
        } catch (JsonProcessingException e) {
            // accepted all the same; only the sid is unknown
            return SendResult.delivered(null);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
