package dev.klaxon.escalation.schedule.rest;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.klaxon.escalation.schedule.OnCall;
import dev.klaxon.escalation.schedule.Restriction;
import dev.klaxon.escalation.schedule.Rotation;
import dev.klaxon.escalation.schedule.Schedule;
import dev.klaxon.escalation.schedule.ScheduleOverride;
import dev.klaxon.escalation.schedule.repository.FeedTokenRepository;
import dev.klaxon.escalation.schedule.repository.ScheduleRepository;
import dev.klaxon.escalation.schedule.service.CalendarFeeds;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.kit.rest.TimeZoneId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Admin API for schedules: rotations, overrides, "who is on call at t" and the iCalendar feed. */
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    /**
     * A rotation as sent: {@code start} is a local date-time in the schedule's zone (the first hand-off). Optional:
     * {@code layer} (0 unless set; a higher layer with someone on call hides the lower ones), {@code restrictions}
     * (the windows in which the participant is on call) and the active period {@code activeFrom}/{@code activeUntil}.
     */
    public record RotationInput(@NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "(?i)HOURLY|DAILY|WEEKLY", message = "must be HOURLY, DAILY or WEEKLY")
            @Schema(example = "WEEKLY") String type,
            @Min(1) @Max(1000) Integer shiftLength,
            @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?",
                    message = "must be a local date-time in the schedule's zone, such as 2026-01-05T09:00:00")
            @Schema(example = "2026-01-05T09:00:00") String start,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> participants,
            @Min(0) @Max(100) Integer layer, @Size(max = 50) List<@Valid @NotNull RestrictionInput> restrictions,
            Instant activeFrom, Instant activeUntil) {
    }

    /**
     * A window of a restricted rotation: from {@code startTime} ({@code HH:mm}, local) on each of {@code days}
     * ({@code MONDAY}…; every day when absent or empty) for {@code durationMinutes} (up to a week).
     */
    public record RestrictionInput(@Size(max = 7) List<@NotNull String> days,
            @NotBlank @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be a time of day such as 09:00")
            @Schema(example = "09:00") String startTime,
            @NotNull @Min(1) @Max(10080) Integer durationMinutes) {
    }

    /**
     * A schedule as sent; {@code externalRef} where it was imported from (on update, absent keeps the stored one and
     * empty clears it).
     */
    public record ScheduleInput(@NotBlank @Size(max = 200) String name,
            @NotBlank @TimeZoneId @Schema(example = "Europe/London") String timeZone,
            @NotNull @Size(max = 50) List<@Valid @NotNull RotationInput> rotations,
            @Size(max = 200) String externalRef) {
    }

    /** An override as sent. */
    public record OverrideInput(@NotNull UUID userId, @NotNull Instant start, @NotNull Instant end) {
    }

    /** Someone on call. */
    public record OnCallUser(UUID userId, String name) {
    }

    /** The answer of {@code oncall?at=}. */
    public record OnCallAnswer(UUID scheduleId, Instant at, List<OnCallUser> users) {
    }

    /** A new feed token and the feed URL that carries it. */
    public record FeedToken(String token, String url) {
    }

    private final ScheduleRepository schedules;
    private final UserRepository users;
    private final CalendarFeeds feeds;
    private final SecurityIdentity identity;
    private final Pool pool;
    private final Clock clock;

    public ScheduleResource(ScheduleRepository schedules, UserRepository users, CalendarFeeds feeds,
            SecurityIdentity identity, Pool pool, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.feeds = feeds;
        this.identity = identity;
        this.pool = pool;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull ScheduleInput in) {
        Schedule s = toSchedule(UUID.randomUUID(), in);
        return checkUsers(s).flatMap(x -> schedules.save(s)).flatMap(x -> schedules.find(pool, s.id()))
                .map(saved -> Response.created(URI.create("/api/v1/schedules/" + s.id())).entity(saved).build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<Schedule>> list(@QueryParam("externalRef") String externalRef) {
        return schedules.list(externalRef == null || externalRef.isBlank() ? null : externalRef);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<Schedule> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Schedule> update(@PathParam("id") UUID id, @Valid @NotNull ScheduleInput in) {
        Schedule s = toSchedule(id, in);
        return find(id).flatMap(x -> checkUsers(s)).flatMap(x -> schedules.save(s)).flatMap(x -> find(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return schedules.delete(id).map(found -> {
            if (!found) {
                throw ProblemException.notFound("Schedule " + id);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("{id}/overrides")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> addOverride(@PathParam("id") UUID id, @Valid @NotNull OverrideInput in) {
        if (!in.end().isAfter(in.start())) {
            throw ProblemException.badRequest("end", "must be after start");
        }
        ScheduleOverride o = new ScheduleOverride(UUID.randomUUID(), in.userId(), in.start(), in.end());
        return find(id).flatMap(s -> users.find(in.userId())).onItem().ifNull()
                .failWith(() -> ProblemException.badRequest("userId", "names no user"))
                .flatMap(u -> schedules.addOverride(id, o))
                .map(x -> Response.status(201).entity(o).build());
    }

    @DELETE
    @Path("{id}/overrides/{overrideId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> deleteOverride(@PathParam("id") UUID id, @PathParam("overrideId") UUID overrideId) {
        return schedules.deleteOverride(id, overrideId).map(found -> {
            if (!found) {
                throw ProblemException.notFound("Override " + overrideId);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{id}/oncall")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<OnCallAnswer> onCall(@PathParam("id") UUID id, @QueryParam("at") String at) {
        Instant instant = at == null || at.isBlank() ? clock.instant() : QueryParams.instant(at, "at");
        return find(id).flatMap(s -> {
            List<UUID> ids = OnCall.at(s, instant);
            return users.findAll(pool, ids).map(found -> new OnCallAnswer(id, instant, ids.stream()
                    .map(u -> new OnCallUser(u, found.stream().filter(f -> f.id().equals(u)).map(User::name)
                            .findFirst().orElse(null)))
                    .toList()));
        });
    }

    /**
     * The schedule's shifts as an iCalendar feed (7 days back to 60 ahead unless {@code from}/{@code days} say
     * otherwise). Readable with a bearer token, or, for calendar apps, with {@code ?token=} the schedule's feed token.
     */
    @GET
    @Path("{id}/ical")
    @Produces("text/calendar")
    @PermitAll
    public Uni<Response> ical(@PathParam("id") UUID id, @QueryParam("token") String token,
            @QueryParam("from") String from, @QueryParam("days") Integer days) {
        CalendarFeeds.Window window = feeds.window(from, days);
        return feeds.authorize(FeedTokenRepository.Owner.SCHEDULE, id, token)
                .flatMap(x -> feeds.scheduleCalendar(id, window))
                .map(body -> calendarResponse(body, "schedule-" + id));
    }

    /** Issues the schedule's feed token; a new one replaces the old, whose URL stops working. */
    @POST
    @Path("{id}/ical-token")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> icalToken(@PathParam("id") UUID id, @Context UriInfo uri) {
        return find(id).flatMap(s -> feeds.issueToken(FeedTokenRepository.Owner.SCHEDULE, id,
                identity.getPrincipal().getName()))
                .map(token -> Response.status(201).entity(new FeedToken(token, uri.getBaseUriBuilder()
                        .path("api/v1/schedules/{id}/ical").queryParam("token", token).build(id).toString()))
                        .build());
    }

    /** A calendar body as calendar apps want it; private, as a feed URL may carry its token. */
    public static Response calendarResponse(String body, String name) {
        return Response.ok(body).type("text/calendar; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"klaxon-" + name + ".ics\"")
                .header("Cache-Control", "private, max-age=300").build();
    }

    private Uni<Schedule> find(UUID id) {
        return schedules.find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule " + id));
    }

    private Uni<Void> checkUsers(Schedule s) {
        List<UUID> ids = s.rotations().stream().flatMap(r -> r.participants().stream()).distinct().toList();
        return users.findAll(pool, ids).map(found -> {
            for (UUID id : ids) {
                if (found.stream().noneMatch(u -> u.id().equals(id))) {
                    throw ProblemException.badRequest("rotations.participants", "names no user: " + id);
                }
            }
            return null;
        });
    }

    private static Schedule toSchedule(UUID id, ScheduleInput in) {
        List<Rotation> rotations = new ArrayList<>();
        for (int i = 0; i < in.rotations().size(); i++) {
            RotationInput r = in.rotations().get(i);
            String field = "rotations[" + i + "].";
            Rotation.Type type;
            try {
                type = Rotation.Type.valueOf(r.type().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field + "type", "must be HOURLY, DAILY or WEEKLY");
            }
            LocalDateTime start;
            try {
                start = LocalDateTime.parse(r.start());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(field + "start",
                        "must be a local date-time in the schedule's zone, such as 2026-01-05T09:00:00");
            }
            if (r.activeFrom() != null && r.activeUntil() != null && !r.activeUntil().isAfter(r.activeFrom())) {
                throw ProblemException.badRequest(field + "activeUntil", "must be after activeFrom");
            }
            rotations.add(new Rotation(UUID.randomUUID(), r.name(), type, r.shiftLength() == null ? 1
                    : r.shiftLength(), start, r.participants(), r.layer() == null ? 0 : r.layer(),
                    restrictions(field, r.restrictions()), r.activeFrom(), r.activeUntil()));
        }
        return new Schedule(id, in.name(), in.timeZone(), rotations, List.of(), in.externalRef());
    }

    private static List<Restriction> restrictions(String field, List<RestrictionInput> in) {
        List<Restriction> out = new ArrayList<>();
        for (int i = 0; in != null && i < in.size(); i++) {
            RestrictionInput x = in.get(i);
            String at = field + "restrictions[" + i + "].";
            List<DayOfWeek> days = new ArrayList<>();
            List<String> names = x.days() == null ? List.of() : x.days();
            for (int j = 0; j < names.size(); j++) {
                try {
                    days.add(DayOfWeek.valueOf(names.get(j).strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(at + "days[" + j + "]", "must be a day such as MONDAY");
                }
            }
            LocalTime startTime;
            try {
                startTime = LocalTime.parse(x.startTime());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(at + "startTime", "must be a local time such as 09:00");
            }
            out.add(new Restriction(days.stream().distinct().toList(), startTime, x.durationMinutes()));
        }
        return out;
    }
}
