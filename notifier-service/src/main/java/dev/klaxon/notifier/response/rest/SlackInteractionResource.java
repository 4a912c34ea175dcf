package dev.klaxon.notifier.response.rest;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentCommand;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.config.RepliesConfig;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.provider.ProviderHttp;
import dev.klaxon.notifier.provider.SlackMessage;
import dev.klaxon.notifier.response.Signatures;
import dev.klaxon.notifier.response.service.ResponseCommands;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Slack's interactivity endpoint: an Acknowledge or Resolve button press, verified with the app's signing secret
 * (v0 HMAC over the raw body, timestamp within five minutes), becomes a command on {@code incidents.commands}; the
 * person is answered through the press's {@code response_url}. Forgeries get a 401.
 */
@Path("/slack/interactions")
public class SlackInteractionResource {

    private static final Logger LOG = Logger.getLogger(SlackInteractionResource.class);

    private final ProvidersConfig providers;
    private final RepliesConfig replies;
    private final DeliveryRepository deliveries;
    private final ResponseCommands commands;
    private final ProviderHttp http;
    private final Clock clock;

    public SlackInteractionResource(ProvidersConfig providers, RepliesConfig replies, DeliveryRepository deliveries,
            ResponseCommands commands, ProviderHttp http, Clock clock) {
        this.providers = providers;
        this.replies = replies;
        this.deliveries = deliveries;
        this.commands = commands;
        this.http = http;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, String body) {
        String secret = providers.slack().signingSecret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            LOG.warn("a Slack interaction was refused: KLAXON_SLACK_SIGNING_SECRET is not set");
        }
        if (!Signatures.slackValid(secret, timestamp, body, signature, clock.instant(), replies.slackMaxAge())) {
            throw ProblemException.unauthorized("Slack request signature is missing, wrong or too old");
        }
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(Forms.parse(body).getOrDefault("payload", ""));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("payload", "must be the interaction as JSON");
        }
        if (payload == null || !"block_actions".equals(payload.path("type").asText())) {
            return Uni.createFrom().item(Response.ok().build()); // other interactions are not ours to answer
        }
        JsonNode action = payload.path("actions").path(0);
        IncidentCommand.Action what = switch (action.path("action_id").asText()) {
            case SlackMessage.ACKNOWLEDGE_ACTION -> IncidentCommand.Action.ACKNOWLEDGE;
            case SlackMessage.RESOLVE_ACTION -> IncidentCommand.Action.RESOLVE;
            default -> null;
        };
        if (what == null) {
            return Uni.createFrom().item(Response.ok().build());
        }
        UUID incidentId;
        try {
            incidentId = UUID.fromString(action.path("value").asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("payload.actions[0].value", "must be an incident id");
        }
        JsonNode user = payload.path("user");
        String name = user.path("username").asText(user.path("name").asText(""));
        String slackId = user.path("id").asText("");
        // escalation-service names the person whose Slack contact this id is; the Slack name is the fallback
        String actor = (name.isBlank() ? "" : name + " ") + "(Slack " + (slackId.isBlank() ? "unknown" : slackId)
                + ")";
        ContactMethod from = slackId.isBlank() ? null : new ContactMethod(ContactType.SLACK, slackId, 0);
        String responseUrl = payload.path("response_url").asText("");
        return deliveries.latestAbout(incidentId).flatMap(d -> {
            long number = d == null ? 0 : d.incidentNumber();
            String reference = d == null ? "incident " + incidentId : "INC-" + number;
            return commands.send(what, incidentId, number, actor.strip(), "slack", from)
                    .call(x -> answer(responseUrl, ResponseCommands.confirmation(what, reference)));
        }).map(x -> Response.ok().build());
    }

    /** Tells the person who pressed, in the channel, only them. */
    private Uni<Void> answer(String responseUrl, String text) {
        if (responseUrl.isBlank() || !responseUrl.startsWith(replies.slackResponseUrlPrefix())) {
            if (!responseUrl.isBlank()) {
                LOG.warnf("Slack response_url outside %s not called", replies.slackResponseUrlPrefix());
            }
            return Uni.createFrom().voidItem();
        }
        return http.post(responseUrl, Map.of("Content-Type", "application/json; charset=utf-8"),
                EventJson.write(Map.of("response_type", "ephemeral", "replace_original", false, "text", text)))
                .onFailure().invoke(e -> LOG.warnf("could not answer a Slack button press: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
