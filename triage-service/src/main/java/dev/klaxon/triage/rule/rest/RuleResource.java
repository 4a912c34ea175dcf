package dev.klaxon.triage.rule.rest;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.kit.rest.JsonBodies;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.triage.rule.Rule;
import dev.klaxon.triage.rule.RuleActions;
import dev.klaxon.triage.rule.RuleBook;
import dev.klaxon.triage.rule.RuleConditions;
import dev.klaxon.triage.rule.RuleEngine;
import dev.klaxon.triage.rule.RuleException;
import dev.klaxon.triage.rule.repository.RuleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Admin API for the ordered triage rules: create, read, update (incl. enable/disable), move, delete, and a dry run
 * that says which rule an alert would match and why. Unknown fields, bad regular expressions and unknown
 * operators are refused with a 400 naming the field.
 */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** A rule as sent. */
    public record RuleInput(String name, Boolean enabled, Integer position, RuleConditions conditions,
            RuleActions actions) {
    }

    /** A move as sent. */
    public record MoveInput(Integer position) {
    }

    /** The answer of a dry run. */
    public record TestResult(MatchedRule matchedRule, String reason, String severity, boolean suppressed,
            String escalationPolicy, java.util.Map<String, String> addLabels) {
    }

    /** The rule a dry run matched. */
    public record MatchedRule(UUID id, String name, int position) {
    }

    private final RuleRepository repository;
    private final RuleBook book;
    private final Clock clock;

    public RuleResource(RuleRepository repository, RuleBook book, Clock clock) {
        this.repository = repository;
        this.book = book;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<Rule>> list() {
        return repository.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Rule> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(JsonNode body) {
        RuleInput in = read(body, RuleInput.class);
        Rule rule = validated(UUID.randomUUID(), in);
        return repository.insert(rule, in.position()).call(book::reload).flatMap(x -> find(rule.id()))
                .map(saved -> Response.created(URI.create("/api/v1/rules/" + saved.id())).entity(saved).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Rule> update(@PathParam("id") UUID id, JsonNode body) {
        Rule rule = validated(id, read(body, RuleInput.class));
        return repository.update(rule).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Rule " + id);
            }
        }).call(book::reload).flatMap(x -> find(id));
    }

    @POST
    @Path("{id}/move")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Rule> move(@PathParam("id") UUID id, JsonNode body) {
        MoveInput in = read(body, MoveInput.class);
        if (in.position() == null || in.position() < 0) {
            throw ProblemException.badRequest("position", "must be 0 or more");
        }
        return repository.move(id, in.position()).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Rule " + id);
            }
        }).call(book::reload).flatMap(x -> find(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return repository.delete(id).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Rule " + id);
            }
        }).call(book::reload).map(x -> Response.noContent().build());
    }

    /** Dry run: which rule a canonical alert would match, why, and the resulting severity and route. */
    @POST
    @Path("test")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<TestResult> test(JsonNode body) {
        NormalizedAlert alert = read(body, NormalizedAlert.class);
        if (alert.title() == null) {
            throw ProblemException.badRequest("title", "is required");
        }
        return book.decide(alert, clock.instant()).map(d -> new TestResult(d.rule() == null ? null
                : new MatchedRule(d.rule().id(), d.rule().name(), d.rule().position()), d.reason(),
                d.severity().name(), d.suppressed(), d.escalationPolicy(), d.addLabels()));
    }

    private Uni<Rule> find(UUID id) {
        return repository.list().map(all -> all.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Rule " + id)));
    }

    private static Rule validated(UUID id, RuleInput in) {
        Rule rule = new Rule(id, in.position() == null ? 0 : in.position(), in.name(), in.enabled() == null
                || in.enabled(), in.conditions() == null ? RuleConditions.ANY : in.conditions(), in.actions());
        try {
            RuleEngine.compile(rule);
        } catch (RuleException e) {
            throw ProblemException.badRequest(e.field(), e.reason());
        }
        return rule;
    }

    private static <T> T read(JsonNode body, Class<T> type) {
        return JsonBodies.read(body, type);
    }
}
