package dev.klaxon.ingest.webhook.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.WebhookIntake;
import dev.klaxon.kit.rest.Problem;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * PagerDuty Events API v2 at {@code POST /v2/enqueue}, answering with PagerDuty's own bodies and status codes, so
 * any tool that can page PagerDuty pages Klaxon by changing one URL. The {@code routing_key} is the integration
 * key; an unknown one is PagerDuty's 400 "Invalid routing key".
 */
@Path("/v2/enqueue")
public class PagerDutyResource {

    /** PagerDuty's success body. */
    public record Success(String status, String message, String dedup_key) {
    }

    /** PagerDuty's error body. */
    public record Invalid(String status, String message, List<String> errors) {
    }

    private final WebhookIntake intake;

    public PagerDutyResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> enqueue(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return intake.accept(SourceType.PAGERDUTY, WebhookResource.raw("POST", body, headers, uri), PagerDutyResource::routingKey)
                .map(a -> Response.status(202).entity(new Success("success", "Event processed",
                        a.alerts().isEmpty() ? null : a.alerts().get(0).dedupKey())).build())
                .onFailure(ProblemException.class).recoverWithItem(e -> pagerDutyError((ProblemException) e));
    }

    private static String routingKey(JsonNode body) {
        JsonNode key = body.isObject() ? body.get("routing_key") : null;
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ProblemException.badRequest("routing_key", "is required");
        }
        return key.asText();
    }

    private static Response pagerDutyError(ProblemException e) {
        Problem p = e.problem();
        int status = p.status() == 404 || p.status() == 401 ? 400 : p.status();
        if (status >= 500 || status == 429) {
            return e.getResponse();
        }
        String error = p.status() == 404 ? "Invalid routing key"
                : p.errors() != null && !p.errors().isEmpty()
                        ? p.errors().get(0).field() + " " + p.errors().get(0).message() : p.title();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Invalid("invalid event", "Event object is invalid", List.of(error))).build();
    }

}
