package dev.klaxon.escalation.team.rest;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.klaxon.escalation.team.Team;
import dev.klaxon.escalation.team.repository.TeamRepository;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
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

/** Admin API for teams: a unique name, a description and members in the order they are paged. */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    static final int MAX_MEMBERS = 200;

    /**
     * A team as sent; {@code members} are user ids, in order; {@code externalRef} where it was imported from (on
     * update, absent keeps the stored one and empty clears it).
     */
    public record TeamInput(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @Size(max = MAX_MEMBERS, message = "must hold at most " + MAX_MEMBERS + " people")
            List<@NotNull(message = "must be a user id") UUID> members, @Size(max = 200) String externalRef) {
    }

    private final TeamRepository teams;
    private final UserRepository users;
    private final Pool pool;

    public TeamResource(TeamRepository teams, UserRepository users, Pool pool) {
        this.teams = teams;
        this.users = users;
        this.pool = pool;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull TeamInput body) {
        Team t = validated(UUID.randomUUID(), body);
        return pool.withTransaction(tx -> checkMembers(tx, t).flatMap(x -> teams.save(tx, t)))
                .onFailure(TeamResource::duplicateName).transform(e -> taken(e, t))
                .flatMap(x -> find(t.id()))
                .map(saved -> Response.created(URI.create("/api/v1/teams/" + t.id())).entity(saved).build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<Team>> list(@QueryParam("externalRef") String externalRef) {
        return teams.list(pool, externalRef == null || externalRef.isBlank() ? null : externalRef);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Team> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Team> update(@PathParam("id") UUID id, @Valid @NotNull TeamInput body) {
        Team t = validated(id, body);
        return pool.withTransaction(tx -> teams.lock(tx, id).flatMap(found -> {
            if (!found) {
                throw ProblemException.notFound("Team " + id);
            }
            return checkMembers(tx, t).flatMap(x -> teams.save(tx, t));
        })).onFailure(TeamResource::duplicateName).transform(e -> taken(e, t)).flatMap(x -> find(id));
    }

    /** A team that an escalation policy still pages cannot be deleted: the step would silently page nobody. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return pool.withTransaction(tx -> teams.lock(tx, id).flatMap(found -> {
            if (!found) {
                throw ProblemException.notFound("Team " + id);
            }
            return teams.policiesUsing(tx, id).flatMap(policies -> {
                if (!policies.isEmpty()) {
                    throw ProblemException.conflict("Team is paged by escalation policy "
                            + String.join(", ", policies) + "; take it out of their steps first");
                }
                return teams.delete(tx, id);
            });
        })).map(x -> Response.noContent().build());
    }

    private Uni<Team> find(UUID id) {
        return teams.find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Team " + id));
    }

    private Uni<Void> checkMembers(SqlClient tx, Team t) {
        return users.findAll(tx, t.members()).map(found -> {
            Set<UUID> known = new HashSet<>(found.stream().map(User::id).toList());
            for (int i = 0; i < t.members().size(); i++) {
                if (!known.contains(t.members().get(i))) {
                    throw ProblemException.badRequest("members[" + i + "]", "names no user");
                }
            }
            return null;
        });
    }

    private static Team validated(UUID id, TeamInput in) {
        String name = in.name().strip();
        List<UUID> members = in.members() == null ? List.of() : in.members();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (!seen.add(members.get(i))) {
                throw ProblemException.badRequest("members[" + i + "]", "is listed twice");
            }
        }
        return new Team(id, name, in.description(), members, in.externalRef());
    }

    private static boolean duplicateName(Throwable e) {
        return e instanceof PgException p && "23505".equals(p.getSqlState());
    }

    private static ProblemException taken(Throwable e, Team t) {
        if (e instanceof PgException p && "team_external_ref".equals(p.getConstraint())) {
            return ProblemException.conflict("Another team was imported as " + t.externalRef());
        }
        return ProblemException.conflict("A team named " + t.name() + " already exists");
    }
}
