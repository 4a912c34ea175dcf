package dev.klaxon.ingest.heartbeat.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.heartbeat.HeartbeatMonitor;
import dev.klaxon.ingest.heartbeat.HeartbeatService;
import dev.klaxon.kit.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin API for heartbeat monitors; the ping URL is {@code /heartbeats/{key}}. */
@Path("/api/v1/heartbeats")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HeartbeatResource {

    /** A monitor as sent. */
    public record MonitorInput(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String service,
            @NotNull @Min(1) @Max(31_536_000) Integer intervalSeconds, @Min(0) @Max(86_400) Integer graceSeconds) {
    }

    private final HeartbeatService service;

    public HeartbeatResource(HeartbeatService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull MonitorInput in) {
        return service.create(in.name(), in.service(), in.intervalSeconds(), grace(in))
                .map(m -> Response.created(URI.create("/api/v1/heartbeats/" + m.id())).entity(m).build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<HeartbeatMonitor>> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<HeartbeatMonitor> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<HeartbeatMonitor> update(@PathParam("id") UUID id, @Valid @NotNull MonitorInput in) {
        return service.update(id, in.name(), in.service(), in.intervalSeconds(), grace(in));
    }

    @POST
    @Path("{id}/rotate-key")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD) // an action without a body: no Content-Type is needed
    public Uni<HeartbeatMonitor> rotate(@PathParam("id") UUID id) {
        return service.rotateKey(id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(id).map(x -> Response.noContent().build());
    }

    private static int grace(MonitorInput in) {
        return in.graceSeconds() == null ? 0 : in.graceSeconds();
    }
}
