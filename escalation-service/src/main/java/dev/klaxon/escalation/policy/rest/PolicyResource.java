package dev.klaxon.escalation.policy.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.klaxon.escalation.policy.EscalationPolicy;
import dev.klaxon.escalation.policy.EscalationStep;
import dev.klaxon.escalation.policy.StepTarget;
import dev.klaxon.escalation.policy.repository.PolicyRepository;
import dev.klaxon.escalation.team.repository.TeamRepository;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin API for escalation policies: ordered steps of users, schedules and teams with acknowledgement timeouts. */
@Path("/api/v1/escalation-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    /** A step target as sent. */
    public record TargetInput(
            @NotBlank @Pattern(regexp = "(?i)USER|SCHEDULE|TEAM", message = "must be USER, SCHEDULE or TEAM")
            @Schema(example = "USER") String type,
            @NotNull UUID id) {
    }

    /** A step as sent; no timeout means the incident severity's runbook response time. */
    public record StepInput(@Min(1) @Max(604800) Integer timeoutSeconds,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull TargetInput> targets) {
    }

    /**
     * A policy as sent; {@code externalRef} where it was imported from (on update, absent keeps the stored one and
     * empty clears it).
     */
    public record PolicyInput(@NotBlank @Size(max = 200) String name, Boolean isDefault,
            @Min(0) @Max(20) Integer repeat, @NotEmpty @Size(max = 50) List<@Valid @NotNull StepInput> steps,
            @Size(max = 200) String externalRef) {
    }

    private final PolicyRepository policies;
    private final TeamRepository teams;
    private final Pool pool;

    public PolicyResource(PolicyRepository policies, TeamRepository teams, Pool pool) {
        this.policies = policies;
        this.teams = teams;
        this.pool = pool;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull PolicyInput in) {
        EscalationPolicy p = toPolicy(UUID.randomUUID(), in);
        return save(p).flatMap(x -> find(p.id()))
                .map(saved -> Response.created(URI.create("/api/v1/escalation-policies/" + p.id())).entity(saved)
                        .build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<EscalationPolicy>> list(@QueryParam("externalRef") String externalRef) {
        return policies.list(externalRef == null || externalRef.isBlank() ? null : externalRef);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<EscalationPolicy> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<EscalationPolicy> update(@PathParam("id") UUID id, @Valid @NotNull PolicyInput in) {
        EscalationPolicy p = toPolicy(id, in);
        return find(id).flatMap(x -> save(p)).flatMap(x -> find(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return policies.delete(id).map(found -> {
            if (!found) {
                throw ProblemException.notFound("Escalation policy " + id);
            }
            return Response.noContent().build();
        }).onFailure(e -> e.getMessage() != null && e.getMessage().contains("foreign key"))
                .transform(e -> ProblemException.conflict("Escalation policy is used by incidents; keep it"));
    }

    private Uni<Void> save(EscalationPolicy p) {
        return pool.withTransaction(tx -> checkTeams(tx, p).flatMap(x -> policies.save(tx, p)));
    }

    /** Every team a step targets must exist; they stay share-locked until the policy is saved. */
    private Uni<Void> checkTeams(SqlClient tx, EscalationPolicy p) {
        Map<String, UUID> teamTargets = new LinkedHashMap<>();
        for (EscalationStep s : p.steps()) {
            for (int j = 0; j < s.targets().size(); j++) {
                StepTarget t = s.targets().get(j);
                if (t.type() == StepTarget.Type.TEAM) {
                    teamTargets.put("steps[" + s.position() + "].targets[" + j + "].id", t.id());
                }
            }
        }
        return teams.lockExisting(tx, teamTargets.values()).map(found -> {
            teamTargets.forEach((field, id) -> {
                if (!found.contains(id)) {
                    throw ProblemException.badRequest(field, "names no team");
                }
            });
            return null;
        });
    }

    private Uni<EscalationPolicy> find(UUID id) {
        return policies.find(pool, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Escalation policy " + id));
    }

    private static EscalationPolicy toPolicy(UUID id, PolicyInput in) {
        List<EscalationStep> steps = new ArrayList<>();
        for (int i = 0; i < in.steps().size(); i++) {
            StepInput s = in.steps().get(i);
            List<StepTarget> targets = new ArrayList<>();
            for (int j = 0; j < s.targets().size(); j++) {
                TargetInput t = s.targets().get(j);
                try {
                    targets.add(new StepTarget(StepTarget.Type.valueOf(t.type().toUpperCase(Locale.ROOT)), t.id()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("steps[" + i + "].targets[" + j + "].type",
                            "must be USER, SCHEDULE or TEAM");
                }
            }
            steps.add(new EscalationStep(i, s.timeoutSeconds(), targets));
        }
        return new EscalationPolicy(id, in.name(), Boolean.TRUE.equals(in.isDefault()),
                in.repeat() == null ? 0 : in.repeat(), steps, in.externalRef());
    }
}
