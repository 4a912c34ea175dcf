package dev.klaxon.escalation.incident.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.repository.TimelineRepository;
import dev.klaxon.escalation.incident.service.IncidentService;
import dev.klaxon.escalation.incident.service.PostmortemDraft;
import dev.klaxon.escalation.policy.repository.PolicyRepository;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.events.Severity;
import dev.klaxon.kit.messaging.OutboxRelay;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin API for incidents: list, read, acknowledge, resolve, escalate, reassign, notes and the timeline. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    /** A note as sent. */
    public record NoteInput(@NotBlank @Size(max = 10000) String text) {
    }

    /** A reassignment as sent: exactly one of the two, people to page now or a policy whose ladder restarts. */
    public record ReassignInput(
            @Size(max = MAX_REASSIGNEES, message = "must name at most " + MAX_REASSIGNEES + " people")
            List<@NotNull(message = "must be a user id") UUID> userIds, UUID escalationPolicyId) {
    }

    static final int MAX_REASSIGNEES = 50;

    private final Pool pool;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final IncidentService service;
    private final OutboxRelay relay;
    private final SecurityIdentity identity;
    private final UserRepository users;
    private final PolicyRepository policies;
    private final Clock clock;

    public IncidentResource(Pool pool, IncidentRepository incidents, TimelineRepository timeline,
            IncidentService service, OutboxRelay relay, SecurityIdentity identity, UserRepository users,
            PolicyRepository policies, Clock clock) {
        this.pool = pool;
        this.incidents = incidents;
        this.timeline = timeline;
        this.service = service;
        this.relay = relay;
        this.identity = identity;
        this.users = users;
        this.policies = policies;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<Incident>> list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("service") String serviceName, @QueryParam("assignee") String assignee,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("breached") String breached,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        IncidentRepository.Filter filter = new IncidentRepository.Filter(
                QueryParams.enumValue(IncidentStatus.class, status, "status"),
                QueryParams.enumValue(Severity.class, severity, "severity"), serviceName, assignee,
                QueryParams.instant(from, "from"), QueryParams.instant(to, "to"), bool(breached, "breached"),
                QueryParams.bounded(limit, 50, 1, 500, "limit"),
                QueryParams.bounded(offset, 0, 0, Integer.MAX_VALUE, "offset"));
        return incidents.list(pool, filter);
    }

    private static Boolean bool(String value, String param) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.badRequest(param, "must be true or false");
        };
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Incident> get(@PathParam("id") UUID id) {
        return incidents.find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + id));
    }

    @GET
    @Path("{id}/timeline")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<TimelineEntry>> timeline(@PathParam("id") UUID id) {
        return get(id).flatMap(i -> timeline.list(pool, id));
    }

    /** A Markdown post-mortem draft in the runbooks' template, with the timeline filled in. */
    @GET
    @Path("{id}/postmortem")
    @Produces("text/markdown")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<String> postmortem(@PathParam("id") UUID id) {
        return get(id).flatMap(i -> timeline.list(pool, id)
                .map(entries -> PostmortemDraft.markdown(i, entries, clock.instant())));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Incident> acknowledge(@PathParam("id") UUID id) {
        return act(id, (tx, i) -> service.acknowledge(tx, i, actor(), "api"));
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Incident> resolve(@PathParam("id") UUID id) {
        return act(id, (tx, i) -> service.resolve(tx, i, actor(), "api"));
    }

    @POST
    @Path("{id}/escalate")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Incident> escalate(@PathParam("id") UUID id) {
        return act(id, (tx, i) -> {
            if (!i.isOpen()) {
                throw ProblemException.conflict("Incident " + i.reference() + " is resolved; nothing to escalate");
            }
            return service.escalate(tx, i, "Escalated by " + actor() + " via api", actor(), "api");
        });
    }

    /**
     * Hands the incident to other people ({@code userIds}, paged now) or to another escalation policy
     * ({@code escalationPolicyId}, its ladder restarted at the first step); either way it is TRIGGERED again until
     * one of them acknowledges.
     */
    @POST
    @Path("{id}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Incident> reassign(@PathParam("id") UUID id, @Valid @NotNull ReassignInput body) {
        ReassignInput in = validated(body);
        return act(id, (tx, i) -> {
            if (!i.isOpen()) {
                throw ProblemException.conflict("Incident " + i.reference() + " is resolved; nothing to reassign");
            }
            if (in.escalationPolicyId() != null) {
                return policies.find(tx, in.escalationPolicyId()).flatMap(policy -> {
                    if (policy == null) {
                        throw ProblemException.badRequest("escalationPolicyId", "names no escalation policy");
                    }
                    return service.reassignToPolicy(tx, i, policy, actor(), "api");
                });
            }
            return users.findAll(tx, in.userIds()).flatMap(found -> {
                List<User> people = new ArrayList<>();
                for (int n = 0; n < in.userIds().size(); n++) {
                    UUID userId = in.userIds().get(n);
                    User person = found.stream().filter(u -> u.id().equals(userId)).findFirst().orElse(null);
                    if (person == null) {
                        throw ProblemException.badRequest("userIds[" + n + "]", "names no user");
                    }
                    people.add(person);
                }
                return service.reassignToUsers(tx, i, people, actor(), "api");
            });
        });
    }

    private static ReassignInput validated(ReassignInput in) {
        if (in.userIds() != null && in.escalationPolicyId() != null) {
            throw ProblemException.badRequest("escalationPolicyId", "cannot be given together with userIds");
        }
        if (in.escalationPolicyId() != null) {
            return in;
        }
        if (in.userIds() == null || in.userIds().isEmpty()) {
            throw ProblemException.badRequest("userIds", "must name at least one person (or give escalationPolicyId)");
        }
        Set<UUID> seen = new HashSet<>();
        for (int n = 0; n < in.userIds().size(); n++) {
            if (!seen.add(in.userIds().get(n))) {
                throw ProblemException.badRequest("userIds[" + n + "]", "is listed twice");
            }
        }
        return in;
    }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Response> note(@PathParam("id") UUID id, @Valid @NotNull NoteInput note) {
        return act(id, (tx, i) -> service.note(tx, i, actor(), note.text()).replaceWith(i))
                .map(i -> Response.status(201).build());
    }

    private Uni<Incident> act(UUID id, BiFunction<SqlConnection, Incident, Uni<Incident>> action) {
        return pool.withTransaction(tx -> incidents.lock(tx, id).flatMap(i -> {
            if (i == null) {
                throw ProblemException.notFound("Incident " + id);
            }
            return action.apply(tx, i);
        })).invoke(relay::poke);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
