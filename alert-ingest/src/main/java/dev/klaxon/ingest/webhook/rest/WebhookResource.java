package dev.klaxon.ingest.webhook.rest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.RawRequest;
import dev.klaxon.ingest.webhook.WebhookIntake;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Webhook receivers, authenticated by the integration key in the path: {@code POST /webhooks/{source}/{key}}
 * (PUT and GET too, for senders configured that way, such as UptimeRobot's query-string mode).
 */
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
    public Uni<Response> post(@PathParam("source") String source, @PathParam("key") String key, String body,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive("POST", source, key, body, headers, uri);
    }

    @PUT
    @Path("{source}/{key}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("source") String source, @PathParam("key") String key, String body,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive("PUT", source, key, body, headers, uri);
    }

    @GET
    @Path("{source}/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@PathParam("source") String source, @PathParam("key") String key,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive("GET", source, key, "", headers, uri);
    }

    private Uni<Response> receive(String method, String source, String key, String body, HttpHeaders headers,
            UriInfo uri) {
        SourceType type = SourceType.fromPath(source).filter(t -> t != SourceType.PAGERDUTY)
                .filter(intake::supports)
                .orElseThrow(() -> new ProblemException(404, "Unknown webhook source: " + source,
                        "Supported: grafana, alertmanager, sentry, uptime-kuma, uptimerobot, pingdom, betterstack, generic; "
                                + "PagerDuty Events v2 posts to /v2/enqueue."));
        return intake.accept(type, key, raw(method, body, headers, uri)).map(a -> Response.accepted(a).build());
    }

    /** The request as the parsers need it. */
    public static RawRequest raw(String method, String body, HttpHeaders headers, UriInfo uri) {
        Map<String, String> h = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Map<String, String> q = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> q.put(k, v.isEmpty() ? "" : v.get(0)));
        MediaType type = headers.getMediaType();
        return new RawRequest(method, body, type == null ? null : type.toString(), h, q);
    }
}
