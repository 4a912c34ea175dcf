package dev.klaxon.notifier.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS through Twilio's Messages API: a form POST of To, From and Body with HTTP Basic auth (account SID and auth
 * token), answered 201 with the message sid. The body is the one-segment text rendered for the delivery.
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

    @Override
    public Uni<SendResult> send(Delivery d) {
        if (config.accountSid().isEmpty() || config.authToken().isEmpty() || config.from().isEmpty()) {
            return Uni.createFrom().item(SendResult.failed("Twilio is not configured (KLAXON_TWILIO_ACCOUNT_SID, "
                    + "KLAXON_TWILIO_AUTH_TOKEN, KLAXON_TWILIO_FROM)"));
        }
        String sid = config.accountSid().get();
        String form = "To=" + encode(d.address()) + "&From=" + encode(config.from().get()) + "&Body="
                + encode(d.body());
        String basic = Base64.getEncoder().encodeToString((sid + ":" + config.authToken().get())
                .getBytes(StandardCharsets.UTF_8));
        return http.post(config.apiUrl() + "/2010-04-01/Accounts/" + encode(sid) + "/Messages.json", Map.of(
                "Authorization", "Basic " + basic,
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
