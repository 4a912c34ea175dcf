package dev.klaxon.ingest.integration.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.IntegrationService;
import dev.klaxon.ingest.integration.SourceType;
import dev.klaxon.ingest.webhook.repository.RequestLogRepository;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Admin API for integrations: the keys senders use. Secrets are accepted, never returned. */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    /**
     * What an operator sends to create an integration. Optional: {@code acknowledgeIncidents} (default true), {@code key}
     * to keep the key a sender already uses (20 to 200 letters, digits, '-' or '_'; unique), and {@code externalRef},
     * where it was imported from.
     *
     * @param acknowledgeIncidents whether acknowledgements the sender reports acknowledge the incident (default true)
     */
    public record CreateIntegration(@NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 100) String sourceType, @NotBlank @Size(max = 200) String service,
            @Size(max = 500) String secret, Boolean acknowledgeIncidents,
            @Pattern(regexp = "^[A-Za-z0-9_-]{20,200}$", message = "must be 20 to 200 letters, digits, '-' or '_'")
            String key, @Size(max = 200) String externalRef) {
    }

    /**
     * What an operator sends to change one; an absent {@code acknowledgeIncidents} or {@code externalRef} stays as it
     * is, an empty {@code externalRef} clears it.
     */
    public record UpdateIntegration(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String service,
            @NotNull Boolean enabled, Boolean acknowledgeIncidents, @Size(max = 200) String externalRef) {
    }

    /**
     * An integration as the API shows it: with its key and webhook URL, without its secret.
     *
     * @param acknowledgeIncidents whether acknowledgements the sender reports acknowledge the incident; only
     *        senders with {@code reportsAcknowledgements} ever report one
     */
    public record IntegrationView(UUID id, String name, String sourceType, String service, String key,
            boolean hasSecret, boolean enabled, boolean acknowledgeIncidents, boolean reportsAcknowledgements,
            String webhookUrl, java.time.Instant createdAt, String externalRef) {
    }

    private final IntegrationService service;
    private final RequestLogRepository requests;

    public IntegrationResource(IntegrationService service, RequestLogRepository requests) {
        this.service = service;
        this.requests = requests;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateIntegration body, @Context UriInfo uri) {
        SourceType type = SourceType.fromPath(body.sourceType()).filter(t -> t != SourceType.HEARTBEAT)
                .orElseThrow(() -> ProblemException.badRequest("sourceType",
                        "must be one of " + SourceType.integrationPaths()));
        return service.create(body.name(), type, body.service(), body.secret(),
                !Boolean.FALSE.equals(body.acknowledgeIncidents()), body.key(), body.externalRef())
                .map(i -> Response.created(URI.create("/api/v1/integrations/" + i.id())).entity(view(i, uri))
                        .build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<IntegrationView>> list(@QueryParam("externalRef") String externalRef, @Context UriInfo uri) {
        return service.list(externalRef == null || externalRef.isBlank() ? null : externalRef)
                .map(all -> all.stream().map(i -> view(i, uri)).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<IntegrationView> get(@PathParam("id") UUID id, @Context UriInfo uri) {
        return service.get(id).map(i -> view(i, uri));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<IntegrationView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateIntegration body,
            @Context UriInfo uri) {
        return service.update(id, body.name(), body.service(), body.enabled(), body.acknowledgeIncidents(),
                body.externalRef())
                .map(i -> view(i, uri));
    }

    @POST
    @Path("{id}/rotate-key")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD) // an action without a body: no Content-Type is needed
    public Uni<IntegrationView> rotate(@PathParam("id") UUID id, @Context UriInfo uri) {
        return service.rotateKey(id).map(i -> view(i, uri));
    }

    /** The integration's last requests, newest first: headers (secrets redacted), body and what became of it. */
    @GET
    @Path("{id}/requests")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<RequestLogRepository.LoggedRequest>> requests(@PathParam("id") UUID id) {
        return service.get(id).flatMap(i -> requests.newest(id, 50));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(id).map(x -> Response.noContent().build());
    }

    private static IntegrationView view(Integration i, UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        String url = i.sourceType() == SourceType.PAGERDUTY ? base + "/v2/enqueue"
                : base + "/webhooks/" + i.sourceType().path() + "/" + i.key();
        return new IntegrationView(i.id(), i.name(), i.sourceType().path(), i.service(), i.key(), i.secret() != null,
                i.enabled(), i.acknowledgeIncidents(), i.sourceType().reportsAcknowledgements(), url, i.createdAt(),
                i.externalRef());
    }
}
