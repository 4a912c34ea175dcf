package dev.klaxon.escalation.schedule.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.klaxon.escalation.schedule.ICalendar;
import dev.klaxon.escalation.schedule.OnCall;
import dev.klaxon.escalation.schedule.Schedule;
import dev.klaxon.escalation.schedule.Shift;
import dev.klaxon.escalation.schedule.repository.FeedTokenRepository;
import dev.klaxon.escalation.schedule.repository.FeedTokenRepository.Owner;
import dev.klaxon.escalation.schedule.repository.ScheduleRepository;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The iCalendar feeds of schedules and people: one event per shift, overrides applied, and the feed tokens that let
 * calendar apps (which cannot send a bearer token) subscribe to them.
 */
@ApplicationScoped
public class CalendarFeeds {

    /** Days before today a feed starts by default: last week's shifts stay visible. */
    public static final int DAYS_BACK = 7;
    /** Days after today a feed reaches by default. */
    public static final int DAYS_AHEAD = 60;
    /** The longest range a feed covers. */
    public static final int MAX_DAYS = 366;
    /** How far back a range may start: older overrides are not loaded. */
    public static final int MAX_DAYS_BEFORE_TODAY = 30;
    /** The most events one feed holds. */
    public static final int MAX_EVENTS = 20_000;

    /** The range of a feed: shifts overlapping {@code [from, to)}. */
    public record Window(Instant from, Instant to) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScheduleRepository schedules;
    private final UserRepository users;
    private final FeedTokenRepository tokens;
    private final CurrentIdentityAssociation identity;
    private final Pool pool;
    private final Clock clock;

    public CalendarFeeds(ScheduleRepository schedules, UserRepository users, FeedTokenRepository tokens,
            CurrentIdentityAssociation identity, Pool pool, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.tokens = tokens;
        this.identity = identity;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * The range asked for: {@code from} (a date, read as midnight UTC, or an instant; default 7 days ago) and
     * {@code days} (default 67, up to 60 days ahead of today).
     */
    public Window window(String from, Integer days) {
        Instant now = clock.instant();
        Instant start = from == null || from.isBlank() ? now.minus(Duration.ofDays(DAYS_BACK)) : parseFrom(from);
        if (start.isBefore(now.minus(Duration.ofDays(MAX_DAYS_BEFORE_TODAY)))
                || start.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            throw ProblemException.badRequest("from", "must be within the last " + MAX_DAYS_BEFORE_TODAY
                    + " days or the next " + MAX_DAYS);
        }
        int span = QueryParams.bounded(days, DAYS_BACK + DAYS_AHEAD, 1, MAX_DAYS, "days");
        return new Window(start, start.plus(Duration.ofDays(span)));
    }

    private static Instant parseFrom(String from) {
        try {
            return from.length() == 10 ? LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("from", "must be a date such as 2026-11-24 or an instant such as "
                    + "2026-11-24T09:00:00Z");
        }
    }

    /**
     * Lets the request read a feed: with {@code ?token=} only the owner's live feed token does (401 otherwise),
     * without it a bearer token with a reading role does (401 without one, 403 without the role).
     */
    public Uni<Void> authorize(Owner owner, UUID id, String token) {
        if (token != null) {
            return tokens.find(owner, id).map(stored -> {
                if (stored == null || !MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                        sha256(token).getBytes(StandardCharsets.US_ASCII))) {
                    throw ProblemException.unauthorized("This calendar feed token is not valid (it may have been "
                            + "replaced by a new one)");
                }
                return null;
            });
        }
        return identity.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(e -> ProblemException.unauthorized("The bearer token is not valid"))
                .map(who -> {
                    if (who == null || who.isAnonymous()) {
                        throw ProblemException.unauthorized("Authentication required: a bearer token, or the "
                                + "feed's token parameter");
                    }
                    if (!canRead(who)) {
                        throw new ProblemException(403, "Not allowed", null);
                    }
                    return null;
                });
    }

    private static boolean canRead(SecurityIdentity who) {
        return who.hasRole(Roles.ADMIN) || who.hasRole(Roles.RESPONDER) || who.hasRole(Roles.VIEWER);
    }

    /** A new random feed token for the owner, replacing (and so revoking) any earlier one. */
    public Uni<String> issueToken(Owner owner, UUID id, String by) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return tokens.replace(owner, id, sha256(token), clock.instant(), by).replaceWith(token);
    }

    /** Every shift of the schedule in the range: "Olivia on call". */
    public Uni<String> scheduleCalendar(UUID id, Window w) {
        return schedules.find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule " + id))
                .flatMap(s -> {
                    List<Shift> shifts = bounded(OnCall.shifts(s, w.from(), w.to()));
                    return users.findAll(pool, shifts.stream().map(Shift::userId).distinct().toList()).map(found -> {
                        Map<UUID, String> names = found.stream().collect(Collectors.toMap(User::id, User::name));
                        List<ICalendar.Event> events = new ArrayList<>();
                        for (Shift shift : shifts) {
                            String who = names.getOrDefault(shift.userId(), "A deleted user");
                            events.add(event(s, shift, who + " on call"));
                        }
                        return ICalendar.calendar("Klaxon on-call: " + s.name(), clock.instant(), events);
                    });
                });
    }

    /** The person's shifts in every schedule in the range: "On call: Primary". */
    public Uni<String> userCalendar(UUID id, Window w) {
        return users.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("User " + id))
                .flatMap(user -> schedules.involving(pool, id).map(found -> {
                    List<ICalendar.Event> events = new ArrayList<>();
                    for (Schedule s : found) {
                        for (Shift shift : OnCall.shifts(s, w.from(), w.to())) {
                            if (shift.userId().equals(id)) {
                                events.add(event(s, shift, "On call: " + s.name()));
                            }
                        }
                    }
                    bounded(events);
                    events.sort(java.util.Comparator.comparing(ICalendar.Event::start));
                    return ICalendar.calendar("Klaxon on-call: " + user.name(), clock.instant(), events);
                }));
    }

    private static ICalendar.Event event(Schedule s, Shift shift, String summary) {
        // stable per (schedule, shift start, person): calendar apps update the event rather than duplicate it
        String uid = DeterministicIds.of("oncall-shift", s.id(), shift.start(), shift.userId()) + "@klaxon";
        String description = "Schedule " + s.name() + " (" + s.timeZone() + ")"
                + (shift.override() ? ", override" : "");
        return new ICalendar.Event(uid, shift.start(), shift.end(), summary, description);
    }

    private static <T> List<T> bounded(List<T> events) {
        if (events.size() > MAX_EVENTS) {
            throw ProblemException.badRequest("days", "covers more than " + MAX_EVENTS + " shifts; ask for fewer");
        }
        return events;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
