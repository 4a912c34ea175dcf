package dev.klaxon.ingest.webhook.rest;

import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.WebhookIntake;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Webhook receivers, authenticated by the integration key in the path: {@code POST /webhooks/{source}/{key}}. */
@Path("/webhooks")
public class WebhookResource {

    private final WebhookIntake intake;

    public WebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("{source}/{key}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@PathParam("source") String source, @PathParam("key") String key, String body) {
        SourceType type = SourceType.fromPath(source).filter(intake::supports)
                .orElseThrow(() -> new ProblemException(404, "Unknown webhook source: " + source,
                        "Supported: /webhooks/grafana, /webhooks/alertmanager, /webhooks/generic."));
        return intake.accept(type, key, body).map(a -> Response.accepted(a).build());
    }
}
