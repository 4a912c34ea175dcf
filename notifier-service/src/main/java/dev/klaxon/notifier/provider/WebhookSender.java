package dev.klaxon.notifier.provider;

import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.response.Signatures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Outbound webhooks for chat tools and automation Klaxon does not speak natively: the notification as JSON, signed
 * with {@code X-Klaxon-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">} and {@code X-Klaxon-Timestamp};
 * {@code X-Klaxon-Delivery} is the delivery id, the same on every retry, so receivers can drop repeats.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final ProviderHttp http;
    private final ProvidersConfig.Webhook config;
    private final Clock clock;

    public WebhookSender(ProviderHttp http, ProvidersConfig config, Clock clock) {
        this.http = http;
        this.config = config.webhook();
        this.clock = clock;
    }

    @Override
    public ContactType contactType() {
        return ContactType.WEBHOOK;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        String secret = config.signingSecret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            return Uni.createFrom().item(SendResult.failed("webhooks are not configured (KLAXON_WEBHOOK_SECRET)"));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        payload.put("deliveryId", d.id().toString());
        payload.put("notificationId", d.notificationId().toString());
        payload.put("recipient", d.recipientName());
        payload.put("subject", d.subject());
        payload.put("text", d.body());
        payload.put("incident", d.request().incident());
        String body = EventJson.write(payload);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = "v1=" + HexFormat.of().formatHex(Signatures.hmac("HmacSHA256", secret,
                timestamp + "." + body));
        return http.post(d.address(), Map.of("Content-Type", "application/json; charset=utf-8",
                "User-Agent", "Klaxon-Webhook/1", "X-Klaxon-Timestamp", timestamp, "X-Klaxon-Signature", signature,
                "X-Klaxon-Delivery", d.id().toString()), body)
                .map(a -> a.status() / 100 == 2 ? SendResult.delivered("HTTP " + a.status())
                        : ProviderHttp.unsuccessful("Webhook", a))
                .onFailure().recoverWithItem(e -> ProviderHttp.unreachable("Webhook", e));
    }
}
