package dev.klaxon.notifier.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.message.MessageRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slack through the Web API's {@code chat.postMessage} with the bot token. Slack answers 200 with
 * {@code "ok": false} for logical errors: those fail the delivery, except the transient ones, which are retried.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    /** Slack errors that may pass on a later attempt. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error",
            "service_unavailable", "fatal_error", "request_timeout");

    private final ProviderHttp http;
    private final ProvidersConfig.Slack config;
    private final DeliveryRepository deliveries;

    public SlackSender(ProviderHttp http, ProvidersConfig config,
            DeliveryRepository deliveries) {
        this.http = http;
        this.deliveries = deliveries;
        this.config = config.slack();
    }

    @Override
    public ContactType contactType() {
        return ContactType.SLACK;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        if (config.botToken().isEmpty()) {
            return Uni.createFrom().item(SendResult.failed("Slack is not configured (KLAXON_SLACK_BOT_TOKEN)"));
        }
        Map<String, Object> message = SlackMessage.of(d.address(), d.request(), d.subject(),
                MessageRenderer.status(d.request()));
        boolean followUp = d.kind() == NotificationKind.ACKNOWLEDGED || d.kind() == NotificationKind.UPDATE
                || d.kind() == NotificationKind.RESOLVED;
        if (!followUp) {
            return call("chat.postMessage", message);
        }
        // acknowledged, updated and resolved replace the page in place, so the conversation shows the current state
        return deliveries.latestSlackPage(d.incidentId(), d.address()).flatMap(page -> {
            String[] where = page == null ? new String[0] : page.providerMessageId().split("/", 2);
            if (where.length != 2 || where[0].isBlank() || where[1].isBlank()) {
                return call("chat.postMessage", message);
            }
            Map<String, Object> update = new LinkedHashMap<>(message);
            update.put("channel", where[0]);
            update.put("ts", where[1]);
            update.remove("unfurl_links");
            update.remove("unfurl_media");
            return call("chat.update", update).flatMap(r -> !r.delivered() && !r.retryable()
                    && r.error() != null && (r.error().contains("message_not_found")
                            || r.error().contains("cant_update_message") || r.error().contains("edit_window_closed"))
                                    ? call("chat.postMessage", message) : Uni.createFrom().item(r));
        });
    }

    private Uni<SendResult> call(String method, Map<String, Object> body) {
        return http.post(config.apiUrl() + "/" + method, Map.of(
                "Authorization", "Bearer " + config.botToken().get(),
                "Content-Type", "application/json; charset=utf-8"), EventJson.write(body))
                .map(SlackSender::result)
                .onFailure().recoverWithItem(e -> ProviderHttp.unreachable("Slack", e));
    }

    static SendResult result(ProviderHttp.Answer a) {
        if (a.status() / 100 != 2) {
            return ProviderHttp.unsuccessful("Slack", a);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(a.body());
        } catch (JsonProcessingException e) {
            return SendResult.retry("Slack answered 200 without readable JSON", a.retryAfter());
        }
        if (json.path("ok").asBoolean(false)) {
            return SendResult.delivered(json.path("channel").asText("") + "/" + json.path("ts").asText(""));
        }
        String error = json.path("error").asText("unknown_error");
        return TRANSIENT.contains(error) ? SendResult.retry("Slack: " + error, a.retryAfter())
                : SendResult.failed("Slack: " + error);
    }
}
