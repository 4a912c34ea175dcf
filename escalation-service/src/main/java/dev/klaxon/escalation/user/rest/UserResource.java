package dev.klaxon.escalation.user.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.klaxon.escalation.schedule.repository.FeedTokenRepository;
import dev.klaxon.escalation.schedule.rest.ScheduleResource;
import dev.klaxon.escalation.schedule.service.CalendarFeeds;
import dev.klaxon.escalation.user.NotificationRule;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.kit.rest.TimeZoneId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

/** Admin API for people: name, email, E.164 phone, Slack user id, time zone and role; their on-call calendar. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    /** A person as sent by an operator. */
    public record UserInput(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email,
            @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be an E.164 number such as +447700900123")
            String phone,
            @Size(max = 64) String slackUserId,
            @Size(max = 64) @TimeZoneId @Schema(example = "Europe/London") String timeZone,
            @Size(max = 64) String role,
            @Size(max = 2000) @Pattern(regexp = "^https?://.+", message = "must be an http(s) URL") String webhookUrl,
            @Size(max = 20) List<@NotNull @Valid NotificationRule> notificationRules,
            @Size(max = 200) String externalRef) {
    }

    private final UserRepository users;
    private final CalendarFeeds feeds;
    private final SecurityIdentity identity;

    public UserResource(UserRepository users, CalendarFeeds feeds, SecurityIdentity identity) {
        this.users = users;
        this.feeds = feeds;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull UserInput in) {
        User user = toUser(UUID.randomUUID(), in);
        return users.insert("".equals(user.externalRef()) ? withoutRef(user) : user)
                .map(u -> Response.created(URI.create("/api/v1/users/" + u.id())).entity(u).build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<User>> list(@QueryParam("externalRef") String externalRef) {
        return users.list(externalRef == null || externalRef.isBlank() ? null : externalRef);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<User> get(@PathParam("id") UUID id) {
        return users.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<User> update(@PathParam("id") UUID id, @Valid @NotNull UserInput in) {
        return users.update(toUser(id, in)).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return users.delete(id).map(found -> {
            if (!found) {
                throw ProblemException.notFound("User " + id);
            }
            return Response.noContent().build();
        });
    }

    /**
     * The person's shifts in every schedule as an iCalendar feed (7 days back to 60 ahead unless {@code from}/
     * {@code days} say otherwise). Readable with a bearer token, or with {@code ?token=} the person's feed token.
     */
    @GET
    @Path("{id}/ical")
    @Produces("text/calendar")
    @PermitAll
    public Uni<Response> ical(@PathParam("id") UUID id, @QueryParam("token") String token,
            @QueryParam("from") String from, @QueryParam("days") Integer days) {
        CalendarFeeds.Window window = feeds.window(from, days);
        return feeds.authorize(FeedTokenRepository.Owner.USER, id, token)
                .flatMap(x -> feeds.userCalendar(id, window))
                .map(body -> ScheduleResource.calendarResponse(body, "user-" + id));
    }

    /**
     * Issues the person's feed token, for an admin or the person themselves (the bearer token's name is their id or
     * email); a new one replaces the old, whose URL stops working.
     */
    @POST
    @Path("{id}/ical-token")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Response> icalToken(@PathParam("id") UUID id, @Context UriInfo uri) {
        String caller = identity.getPrincipal().getName();
        return get(id).flatMap(u -> {
            if (!identity.hasRole(Roles.ADMIN) && !isThemselves(u, caller)) {
                throw new ProblemException(403, "Only an admin or " + u.name() + " can issue their calendar feed "
                        + "token", null);
            }
            return feeds.issueToken(FeedTokenRepository.Owner.USER, id, caller);
        }).map(token -> Response.status(201).entity(new ScheduleResource.FeedToken(token, uri.getBaseUriBuilder()
                .path("api/v1/users/{id}/ical").queryParam("token", token).build(id).toString())).build());
    }

    private static User withoutRef(User u) {
        return new User(u.id(), u.name(), u.email(), u.phone(), u.slackUserId(), u.timeZone(), u.role(),
                u.webhookUrl(), u.notificationRules(), null);
    }

    private static boolean isThemselves(User u, String caller) {
        return caller != null && (caller.equals(u.id().toString())
                || (u.email() != null && caller.equalsIgnoreCase(u.email())));
    }

    private static User toUser(UUID id, UserInput in) {
        String zone = in.timeZone() == null || in.timeZone().isBlank() ? "UTC" : in.timeZone();
        List<NotificationRule> rules = in.notificationRules() == null ? List.of() : in.notificationRules();
        User user = new User(id, in.name(), in.email(), in.phone(), in.slackUserId(), zone, in.role(),
                in.webhookUrl(), rules, in.externalRef());
        for (int i = 0; i < rules.size(); i++) {
            NotificationRule r = rules.get(i);
            if (user.address(r.contactType()).isEmpty()) {
                throw ProblemException.badRequest("notificationRules[" + i + "].contactType",
                        "needs the person's " + switch (r.contactType()) {
                            case SLACK -> "slackUserId";
                            case SMS -> "phone";
                            case EMAIL -> "email";
                            case WEBHOOK -> "webhookUrl";
                        });
            }
        }
        return user;
    }
}
