package dev.klaxon.triage.silence.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.triage.silence.MaintenanceWindow;
import dev.klaxon.triage.silence.MuteState;
import dev.klaxon.triage.silence.SilenceBook;
import dev.klaxon.triage.silence.repository.MaintenanceRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Admin API for maintenance windows (the runbooks' "maintenance mode"), scheduled ahead or started now: while one
 * is on, its service's firing alerts are recorded as suppressed. {@code DELETE} ends a window now or cancels a
 * pending one.
 */
@Path("/api/v1/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    /** A window as sent; {@code startsAt} defaults to now. */
    public record WindowInput(@NotBlank(message = "is required") @Size(max = 200) String service, Instant startsAt,
            @NotNull(message = "is required") Instant endsAt,
            @NotBlank(message = "is required: say what work is planned") @Size(max = 2000) String reason) {
    }

    private final MaintenanceRepository repository;
    private final SilenceBook book;
    private final Clock clock;
    private final SecurityIdentity identity;

    public MaintenanceResource(MaintenanceRepository repository, SilenceBook book, Clock clock,
            SecurityIdentity identity) {
        this.repository = repository;
        this.book = book;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<MaintenanceWindow>> list(@QueryParam("service") String service,
            @QueryParam("state") String state, @QueryParam("limit") Integer limit) {
        return repository.list(service, QueryParams.enumValue(MuteState.class, state, "state"), clock.instant(),
                QueryParams.bounded(limit, 100, 1, 1000, "limit"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<MaintenanceWindow> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Response> create(@Valid @NotNull WindowInput body) {
        MaintenanceWindow w = validated(UUID.randomUUID(), body);
        return repository.insert(w).call(book::reload).flatMap(x -> find(w.id())).map(saved -> Response
                .created(URI.create("/api/v1/maintenance-windows/" + saved.id())).entity(saved).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<MaintenanceWindow> update(@PathParam("id") UUID id, @Valid @NotNull WindowInput body) {
        MaintenanceWindow w = validated(id, body);
        return repository.update(w, clock.instant()).call(found -> found ? Uni.createFrom().voidItem()
                : find(id).invoke(x -> {
                    throw ProblemException.conflict("Maintenance window " + id + " has ended; create a new one");
                })).call(book::reload).flatMap(x -> find(id));
    }

    /** Ends a window now, or cancels it before it starts. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Response> end(@PathParam("id") UUID id) {
        return find(id).flatMap(x -> repository.end(id, clock.instant())).call(book::reload)
                .map(x -> Response.noContent().build());
    }

    private Uni<MaintenanceWindow> find(UUID id) {
        return repository.find(id, clock.instant()).invoke(w -> {
            if (w == null) {
                throw ProblemException.notFound("Maintenance window " + id);
            }
        });
    }

    private MaintenanceWindow validated(UUID id, WindowInput in) {
        Instant now = clock.instant();
        Instant starts = in.startsAt() == null ? now : in.startsAt();
        MuteState.checkEnd(starts, in.endsAt(), now);
        return new MaintenanceWindow(id, in.service(), starts, in.endsAt(), in.reason(),
                identity.getPrincipal().getName(), now, MuteState.at(starts, in.endsAt(), now));
    }
}
