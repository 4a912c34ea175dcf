package dev.klaxon.triage.rule.rest;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
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
    public record RuleInput(@NotBlank @Size(max = 200) String name, Boolean enabled,
            @PositiveOrZero Integer position, @Valid RuleConditions conditions, @NotNull @Valid RuleActions actions) {
    }

    /** A move as sent. */
    public record MoveInput(@NotNull @PositiveOrZero Integer position) {
    }

    /**
     * An alert to dry-run, in the canonical alert's shape; only {@code title} is required, and what is absent is
     * absent (a rule on services does not match an alert without one).
     */
    public record AlertInput(@Size(max = 200) String alertId, @Size(max = 100) String sourceType,
            @Size(max = 200) String integrationId, @Size(max = 200) String service, @Size(max = 1000) String dedupKey,
            AlertStatus status, @NotBlank @Size(max = 5000) String title, @Size(max = 100_000) String description,
            @Size(max = 100) String severityHint, @Size(max = 200) Map<@NotNull String, @NotNull String> labels,
            @Size(max = 200) Map<@NotNull String, @NotNull String> annotations, @Size(max = 100) List<@NotNull Link> links,
            @Size(max = 200) Map<@NotNull String, @NotNull Double> values, java.time.Instant occurredAt,
            java.time.Instant receivedAt, @Size(max = 200) String integrationName, @Size(max = 200) String senderName) {

        NormalizedAlert alert() {
            return NormalizedAlert.builder().alertId(alertId).sourceType(sourceType).integrationId(integrationId)
                    .service(service).dedupKey(dedupKey).status(status == null ? AlertStatus.FIRING : status)
                    .title(title).description(description).severityHint(severityHint).labels(labels)
                    .annotations(annotations).links(links).values(values).occurredAt(occurredAt)
                    .receivedAt(receivedAt).integrationName(integrationName).senderName(senderName).build();
        }
    }

    /** The answer of a dry run. */
    public record TestResult(MatchedRule matchedRule, String reason, String severity, boolean suppressed,
            String escalationPolicy, Map<String, String> addLabels) {
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
    public Uni<Response> create(@Valid @NotNull RuleInput body) {
        Rule rule = validated(UUID.randomUUID(), body);
        return repository.insert(rule, body.position()).call(book::reload).flatMap(x -> find(rule.id()))
                .map(saved -> Response.created(URI.create("/api/v1/rules/" + saved.id())).entity(saved).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Rule> update(@PathParam("id") UUID id, @Valid @NotNull RuleInput body) {
        Rule rule = validated(id, body);
        return repository.update(rule).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Rule " + id);
            }
        }).call(book::reload).flatMap(x -> find(id));
    }

    @POST
    @Path("{id}/move")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Rule> move(@PathParam("id") UUID id, @Valid @NotNull MoveInput body) {
        return repository.move(id, body.position()).invoke(found -> {
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
    public Uni<TestResult> test(@Valid @NotNull AlertInput body) {
        return book.decide(body.alert(), clock.instant()).map(d -> new TestResult(d.rule() == null ? null
                : new MatchedRule(d.rule().id(), d.rule().name(), d.rule().position()), d.reason(),
                d.severity().name(), d.suppressed(), d.escalationPolicy(), d.addLabels()));
    }

    private Uni<Rule> find(UUID id) {
        return repository.list().map(all -> all.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Rule " + id)));
    }

    private static Rule validated(UUID id, RuleInput in) {
        Rule rule = new Rule(id, in.position() == null ? 0 : in.position(), in.name(),
                in.enabled() == null || in.enabled(), in.conditions() == null ? RuleConditions.ANY : in.conditions(),
                in.actions());
        try {
            RuleEngine.compile(rule);
        } catch (RuleException e) {
            throw ProblemException.badRequest(e.field(), e.reason());
        }
        return rule;
    }
}
