package dev.klaxon.triage.silence.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.triage.rule.LabelMatcher;
import dev.klaxon.triage.rule.RuleEngine;
import dev.klaxon.triage.rule.RuleException;
import dev.klaxon.triage.silence.MuteState;
import dev.klaxon.triage.silence.Silence;
import dev.klaxon.triage.silence.SilenceBook;
import dev.klaxon.triage.silence.repository.SilenceRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
 * Admin API for silences, with Alertmanager's semantics: create, list by state, read, edit while not expired, and
 * expire ({@code DELETE} ends a silence now; it stays listed as expired). Responders may silence; viewers may look.
 */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** A silence as sent: {@code endsAt} or {@code duration} (such as {@code 2h}); {@code startsAt} defaults to now. */
    public record SilenceInput(
            @NotEmpty(message = "must hold at least one matcher") @Size(max = 50) List<@NotNull @Valid LabelMatcher> matchers,
            Instant startsAt, Instant endsAt, @Size(max = 50) String duration, @Size(max = 200) String createdBy,
            @NotBlank(message = "is required: say why alerts are silenced") @Size(max = 2000) String comment) {
    }

    private final SilenceRepository repository;
    private final SilenceBook book;
    private final Clock clock;
    private final SecurityIdentity identity;

    public SilenceResource(SilenceRepository repository, SilenceBook book, Clock clock, SecurityIdentity identity) {
        this.repository = repository;
        this.book = book;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<Silence>> list(@QueryParam("state") String state, @QueryParam("limit") Integer limit) {
        return repository.list(QueryParams.enumValue(MuteState.class, state, "state"), clock.instant(),
                QueryParams.bounded(limit, 100, 1, 1000, "limit"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Silence> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Response> create(@Valid @NotNull SilenceInput body) {
        Silence s = validated(UUID.randomUUID(), body);
        return repository.insert(s).call(book::reload).flatMap(x -> find(s.id()))
                .map(saved -> Response.created(URI.create("/api/v1/silences/" + saved.id())).entity(saved).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Silence> update(@PathParam("id") UUID id, @Valid @NotNull SilenceInput body) {
        Silence s = validated(id, body);
        return repository.update(s, clock.instant()).call(found -> found ? Uni.createFrom().voidItem()
                : find(id).invoke(x -> {
                    throw ProblemException.conflict("Silence " + id + " has expired; create a new one");
                })).call(book::reload).flatMap(x -> find(id));
    }

    /** Expires a silence now. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER })
    public Uni<Response> expire(@PathParam("id") UUID id) {
        return find(id).flatMap(x -> repository.expire(id, clock.instant())).call(book::reload)
                .map(x -> Response.noContent().build());
    }

    private Uni<Silence> find(UUID id) {
        return repository.find(id, clock.instant()).invoke(s -> {
            if (s == null) {
                throw ProblemException.notFound("Silence " + id);
            }
        });
    }

    private Silence validated(UUID id, SilenceInput in) {
        List<LabelMatcher.Compiled> compiled = new ArrayList<>();
        for (int i = 0; i < in.matchers().size(); i++) {
            try {
                compiled.add(in.matchers().get(i).compile());
            } catch (RuleException e) {
                RuleException at = e.within("matchers[" + i + "]");
                throw ProblemException.badRequest(at.field(), at.reason());
            }
        }
        // as in Alertmanager: a silence must not match every alert
        if (compiled.stream().allMatch(c -> c.matches(Map.of()))) {
            throw ProblemException.badRequest("matchers", "must include one that does not match an empty label, "
                    + "or the silence would mute every alert");
        }
        Instant now = clock.instant();
        Instant starts = in.startsAt() == null ? now : in.startsAt();
        Instant ends = in.endsAt();
        if (ends == null && in.duration() != null) {
            try {
                ends = starts.plus(RuleEngine.parseDuration(in.duration()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("duration", e.getMessage());
            }
        } else if (ends != null && in.duration() != null) {
            throw ProblemException.badRequest("duration", "give endsAt or duration, not both");
        }
        if (ends == null) {
            throw ProblemException.badRequest("endsAt", "is required (or give a duration such as 2h)");
        }
        MuteState.checkEnd(starts, ends, now);
        String by = in.createdBy() == null || in.createdBy().isBlank() ? identity.getPrincipal().getName()
                : in.createdBy();
        return new Silence(id, in.matchers(), starts, ends, by, in.comment(), now, now, MuteState.at(starts, ends, now));
    }
}
