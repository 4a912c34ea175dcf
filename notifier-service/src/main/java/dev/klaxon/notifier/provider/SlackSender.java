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
 * Every message carries its delivery id in its metadata, so after a crash {@code conversations.history} tells whether
 * an interrupted post got there (scopes {@code channels:history}, {@code groups:history}, {@code im:history},
 * {@code im:write}, and {@code channels:read} for channels given by name).
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
                MessageRenderer.status(d.request()), d.id());
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

    /**
     * After a crash: an update in place may simply be made again; a post is looked for in its conversation, from a
     * little before the interrupted attempt began, by the delivery id in its metadata.
     */
    @Override
    public Uni<Reconciliation> reconcile(Delivery d) {
        if (config.botToken().isEmpty()) {
            return Uni.createFrom().item(Reconciliation.unknowable("Slack is not configured"));
        }
        boolean followUp = d.kind() == NotificationKind.ACKNOWLEDGED || d.kind() == NotificationKind.UPDATE
                || d.kind() == NotificationKind.RESOLVED;
        Uni<Boolean> updatesInPlace = followUp ? deliveries.latestSlackPage(d.incidentId(), d.address())
                .map(page -> page != null) : Uni.createFrom().item(false);
        return updatesInPlace.flatMap(update -> update
                ? Uni.createFrom().item(Reconciliation.repeatable("a Slack update in place, made again"))
                : conversation(d.address()).flatMap(channel -> lookUp(channel, d)))
                .onFailure().recoverWithItem(e -> Reconciliation.unknowable("Slack look-up failed: "
                        + ProviderHttp.abbreviate(e.getMessage())));
    }

    /** The conversation id a post to this address lands in: a person's DM, a channel named "#…", or an id. */
    private Uni<String> conversation(String address) {
        if (address.startsWith("U") || address.startsWith("W")) {
            return api("conversations.open", Map.of("users", address)).map(j -> j.path("channel").path("id").asText());
        }
        if (address.startsWith("#")) {
            return channelNamed(address.substring(1), "");
        }
        return Uni.createFrom().item(address);
    }

    private Uni<String> channelNamed(String name, String cursor) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("types", "public_channel,private_channel");
        args.put("exclude_archived", "true");
        args.put("limit", "1000");
        if (!cursor.isEmpty()) {
            args.put("cursor", cursor);
        }
        return api("conversations.list", args).flatMap(j -> {
            for (JsonNode c : j.path("channels")) {
                if (name.equals(c.path("name").asText())) {
                    return Uni.createFrom().item(c.path("id").asText());
                }
            }
            String next = j.path("response_metadata").path("next_cursor").asText("");
            return next.isEmpty() ? Uni.createFrom().failure(new IllegalStateException("no channel #" + name))
                    : channelNamed(name, next);
        });
    }

    private Uni<Reconciliation> lookUp(String channel, Delivery d) {
        java.time.Instant from = (d.attemptAt() == null ? d.updatedAt() : d.attemptAt()).minusSeconds(10);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.put("oldest", from.getEpochSecond() + ".000000");
        args.put("include_all_metadata", "true");
        args.put("limit", "200");
        return api("conversations.history", args).map(j -> {
            for (JsonNode m : j.path("messages")) {
                if (SlackMessage.METADATA_EVENT.equals(m.path("metadata").path("event_type").asText())
                        && d.id().toString().equals(m.path("metadata").path("event_payload").path("delivery_id")
                                .asText())) {
                    return Reconciliation.delivered(channel + "/" + m.path("ts").asText(),
                            "found in Slack " + channel + " (message " + m.path("ts").asText() + ")");
                }
            }
            return Reconciliation.notThere("not in Slack " + channel + " since " + from);
        });
    }

    /** A read of the Web API: its JSON when {@code ok}, else a failure saying Slack's error. */
    private Uni<JsonNode> api(String method, Map<String, String> form) {
        return http.post(config.apiUrl() + "/" + method, Map.of(
                "Authorization", "Bearer " + config.botToken().get(),
                "Content-Type", "application/x-www-form-urlencoded"), ProviderHttp.form(form))
                .map(a -> {
                    JsonNode json;
                    try {
                        json = a.status() / 100 == 2 ? EventJson.mapper().readTree(a.body()) : null;
                    } catch (JsonProcessingException e) {
                        json = null;
                    }
                    if (json == null || !json.path("ok").asBoolean(false)) {
                        throw new IllegalStateException(method + " answered " + a.status() + " "
                                + ProviderHttp.abbreviate(a.body()));
                    }
                    return json;
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
