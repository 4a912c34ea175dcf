package dev.klaxon.notifier.channel.rest;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.Severity;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.notifier.channel.ChannelBook;
import dev.klaxon.notifier.channel.ChannelRoute;
import dev.klaxon.notifier.channel.repository.ChannelRepository;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Admin API for channel routes: which severities, services and lifecycle events are announced in which Slack
 * channel, email list or webhook. The runbooks' defaults are there from the first start.
 */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /** A route as sent; {@code events} default to every lifecycle event, {@code services} to all. */
    public record RouteInput(@NotBlank(message = "is required") @Size(max = 200) String name,
            @NotBlank @Size(max = 50) String contactType, @NotBlank @Size(max = 2000) String address,
            @NotEmpty(message = "must list at least one of P1, P2, P3, P4") @Size(max = 4)
            List<@NotNull String> severities,
            @Size(max = 200) List<@NotNull @Size(max = 200) String> services,
            @Size(max = 20) List<@NotNull String> events, Boolean enabled) {
    }

    private static final Pattern SLACK = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}|[CGDU][A-Z0-9]{6,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final ChannelRepository repository;
    private final ChannelBook book;
    private final Clock clock;

    public ChannelResource(ChannelRepository repository, ChannelBook book, Clock clock) {
        this.repository = repository;
        this.book = book;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<ChannelRoute>> list() {
        return repository.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<ChannelRoute> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull RouteInput body) {
        ChannelRoute r = validated(UUID.randomUUID(), body);
        return repository.insert(r).call(book::reload).flatMap(x -> find(r.id()))
                .map(saved -> Response.created(URI.create("/api/v1/channels/" + saved.id())).entity(saved).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChannelRoute> update(@PathParam("id") UUID id, @Valid @NotNull RouteInput body) {
        ChannelRoute r = validated(id, body);
        return repository.update(r).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Channel route " + id);
            }
        }).call(book::reload).flatMap(x -> find(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return repository.delete(id).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Channel route " + id);
            }
        }).call(book::reload).map(x -> Response.noContent().build());
    }

    private Uni<ChannelRoute> find(UUID id) {
        return repository.find(id).invoke(r -> {
            if (r == null) {
                throw ProblemException.notFound("Channel route " + id);
            }
        });
    }

    private ChannelRoute validated(UUID id, RouteInput in) {
        ContactType type = parse(ContactType.class, in.contactType(), "contactType");
        String address = in.address() == null ? "" : in.address().strip();
        boolean ok = switch (type) {
            case SLACK -> SLACK.matcher(address).matches();
            case EMAIL -> EMAIL.matcher(address).matches();
            case SMS -> E164.matcher(address).matches();
            case WEBHOOK -> address.startsWith("https://") || address.startsWith("http://");
        };
        if (!ok) {
            throw ProblemException.badRequest("address", switch (type) {
                case SLACK -> "must be a Slack channel such as #incidents or a channel id such as C0123ABCD";
                case EMAIL -> "must be an email address";
                case SMS -> "must be a phone number in E.164 form such as +15551234567";
                case WEBHOOK -> "must be an http(s) URL";
            });
        }
        List<Severity> severities = parseAll(Severity.class, in.severities(), "severities");
        List<IncidentLifecycle.Type> events = in.events() == null || in.events().isEmpty()
                ? Arrays.asList(IncidentLifecycle.Type.values())
                : parseAll(IncidentLifecycle.Type.class, in.events(), "events");
        List<String> services = in.services() == null ? List.of()
                : in.services().stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        var now = clock.instant();
        return new ChannelRoute(id, in.name().strip(), type, address, severities, services, events,
                in.enabled() == null || in.enabled(), now, now);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        return QueryParams.enumValue(type, value == null ? "" : value.strip(), field);
    }

    /** Each value as a constant of the enum, once, in order; a wrong one is a problem naming the list. */
    private static <E extends Enum<E>> List<E> parseAll(Class<E> type, List<String> values, String field) {
        return values.stream().map(v -> parse(type, v, field)).distinct().toList();
    }
}
