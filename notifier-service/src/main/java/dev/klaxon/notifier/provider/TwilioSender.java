package dev.klaxon.notifier.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.config.NotifierConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.message.MessageRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** SMS through Twilio's Messages API: a form POST with HTTP Basic auth, answered 201 with the message sid. */
@ApplicationScoped
public class TwilioSender implements ChannelSender {

    private final ProviderHttp http;
    private final NotifierConfig.Twilio config;

    public TwilioSender(ProviderHttp http, NotifierConfig config) {
        this.http = http;
        this.config = config.providers().twilio();
    }

    @Override
    public ContactType channel() {
        return ContactType.SMS;
    }

    @Override
    public Uni<SendResult> send(Delivery delivery, NotificationRequested n) {
        if (config.accountSid().isEmpty() || config.authToken().isEmpty() || config.from().isEmpty()) {
            return Uni.createFrom().item(SendResult.failed("Twilio is not configured (KLAXON_TWILIO_ACCOUNT_SID, "
                    + "KLAXON_TWILIO_AUTH_TOKEN, KLAXON_TWILIO_FROM)"));
        }
        String sid = config.accountSid().get();
        String form = "To=" + enc(delivery.address()) + "&From=" + enc(config.from().get()) + "&Body="
                + enc(MessageRenderer.sms(n));
        String auth = Base64.getEncoder().encodeToString((sid + ":" + config.authToken().get())
                .getBytes(StandardCharsets.UTF_8));
        return http.post(config.apiUrl() + "/2010-04-01/Accounts/" + enc(sid) + "/Messages.json",
                Map.of("Authorization", "Basic " + auth, "Content-Type", "application/x-www-form-urlencoded"), form)
                .map(a -> {
                    if (a.status() / 100 != 2) {
                        return ProviderHttp.unsuccessful("Twilio", a);
                    }
                    try {
                        JsonNode json = EventJson.mapper().readTree(a.body());
                        return SendResult.delivered(json.path("sid").asText(null));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        return SendResult.delivered(null);
                    }
                })
                .onFailure().recoverWithItem(e -> ProviderHttp.unreachable("Twilio", e));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
