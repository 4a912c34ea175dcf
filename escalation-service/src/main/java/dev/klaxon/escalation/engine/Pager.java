package dev.klaxon.escalation.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.klaxon.escalation.config.EscalationConfig;
import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.escalation.incident.messaging.IncidentEvents;
import dev.klaxon.escalation.incident.repository.IncidentRepository;
import dev.klaxon.escalation.incident.repository.TimelineRepository;
import dev.klaxon.escalation.policy.EscalationPolicy;
import dev.klaxon.escalation.policy.EscalationStep;
import dev.klaxon.escalation.policy.StepTarget;
import dev.klaxon.escalation.schedule.OnCall;
import dev.klaxon.escalation.schedule.repository.ScheduleRepository;
import dev.klaxon.escalation.team.repository.TeamRepository;
import dev.klaxon.escalation.user.User;
import dev.klaxon.escalation.user.repository.UserRepository;
import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pages the people of an escalation step and arms the step's timer; walks to the next step; tells everyone who was
 * paged when the incident ends. Every notification id is derived from (incident, kind, cycle, step, person).
 */
@ApplicationScoped
public class Pager {

    private final UserRepository users;
    private final ScheduleRepository schedules;
    private final TeamRepository teams;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final IncidentEvents events;
    private final EscalationConfig config;

    public Pager(UserRepository users, ScheduleRepository schedules, TeamRepository teams,
            IncidentRepository incidents, TimelineRepository timeline, IncidentEvents events, EscalationConfig config) {
        this.users = users;
        this.schedules = schedules;
        this.teams = teams;
        this.incidents = incidents;
        this.timeline = timeline;
        this.events = events;
        this.config = config;
    }

    /** Pages the incident's current step and, while unacknowledged, arms its acknowledge timer. */
    public Uni<Incident> pageCurrentStep(SqlClient tx, Incident incident, EscalationPolicy policy,
            NotificationKind kind, Instant now) {
        if (policy == null || policy.steps().isEmpty()) {
            return timeline.append(tx, incident.id(), now, TimelineEntry.Type.NO_ONE_TO_PAGE, "system", "policy",
                    null, "No escalation policy applies; nobody was paged", Map.of())
                    .replaceWith(incident);
        }
        EscalationStep step = policy.steps().get(Math.min(incident.step(), policy.steps().size() - 1));
        Instant deadline = incident.status() == IncidentStatus.TRIGGERED ? now.plus(timeout(incident, policy)) : null;
        return recipients(tx, step, now).flatMap(people -> {
            Uni<Void> work = people.isEmpty()
                    ? timeline.append(tx, incident.id(), now, TimelineEntry.Type.NO_ONE_TO_PAGE, "system", "policy",
                            null, "Step " + (step.position() + 1) + " has nobody to page (no one on call)",
                            Map.of("step", step.position()))
                    : page(tx, incident, people, kind, now, "system", "policy", "step " + (step.position() + 1),
                            person -> stepPageId(incident, kind, person.id()));
            // a step with nobody to page times out at once rather than leaving the incident unowned
            Instant armed = people.isEmpty() && deadline != null ? now : deadline;
            return work.flatMap(x -> incidents.update(tx, incident.withDeadlines(armed, resolveDeadline(incident,
                    now))));
        });
    }

    /**
     * Pages the people an incident was just reassigned to and arms its acknowledge timer with the current step's
     * timeout: if none of them acknowledges in time, the ladder carries on from the incident's current step.
     */
    public Uni<Incident> pageReassigned(SqlClient tx, Incident incident, EscalationPolicy policy, List<User> people,
            String actor, String via, Instant now) {
        Instant deadline = now.plus(timeout(incident, policy));
        return page(tx, incident, people, NotificationKind.TRIGGERED, now, actor, via, "reassigned",
                person -> DeterministicIds.of(incident.id(), "reassign", incident.reassignCount(), person.id()))
                .flatMap(x -> incidents.update(tx, incident.withDeadlines(deadline, resolveDeadline(incident, now))));
    }

    /**
     * The resolve timer of an incident whose step is being paged: the one already running, or, when none is (the
     * ladder had run out, which stops it, and a reassignment or a new step carries the walk on), the severity's
     * resolve-within from now.
     */
    private Instant resolveDeadline(Incident incident, Instant now) {
        if (incident.resolveDeadlineAt() != null || !config.resolveTimeoutEnabled()) {
            return incident.resolveDeadlineAt();
        }
        return config.resolveWithin(incident.severity()).map(now::plus).orElse(null);
    }

    /**
     * The id of a step's page: (incident, kind, cycle, step, person), and the reassignment count once there was one,
     * so that the pages of a ladder restarted by a reassignment are new notifications rather than duplicates.
     */
    static UUID stepPageId(Incident incident, NotificationKind kind, UUID person) {
        return incident.reassignCount() == 0
                ? DeterministicIds.of(incident.id(), kind, incident.cycle(), incident.step(), person)
                : DeterministicIds.of(incident.id(), kind, incident.cycle(), incident.step(), person, "reassign",
                        incident.reassignCount());
    }

    /** How long the incident's current step waits for an acknowledgement. */
    private Duration timeout(Incident incident, EscalationPolicy policy) {
        if (policy == null || policy.steps().isEmpty()) {
            return config.acknowledgeWithin(incident.severity());
        }
        EscalationStep step = policy.steps().get(Math.min(incident.step(), policy.steps().size() - 1));
        return step.timeoutSeconds() != null ? Duration.ofSeconds(step.timeoutSeconds())
                : config.acknowledgeWithin(incident.severity());
    }

    /** Sends one page per person and records each on the timeline (NOTIFIED), in the caller's transaction. */
    private Uni<Void> page(SqlClient tx, Incident incident, List<User> people, NotificationKind kind, Instant now,
            String actor, String via, String why, Function<User, UUID> ids) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (User person : people) {
            NotificationRequested request = new NotificationRequested(ids.apply(person), kind, incident.summary(),
                    person.id().toString(), person.name(), person.contactMethods(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("step", incident.step());
            detail.put("cycle", incident.cycle());
            detail.put("reassign", incident.reassignCount());
            detail.put("kind", kind.name());
            detail.put("notificationId", request.notificationId().toString());
            detail.put("contactMethods", request.contactMethods().stream().map(m -> m.type().name()).toList());
            work = work.flatMap(x -> events.notification(tx, request))
                    .flatMap(x -> timeline.append(tx, incident.id(), now, TimelineEntry.Type.NOTIFIED, actor, via,
                            person.id(), "Paged " + person.name() + " (" + why + ")", detail));
        }
        return work;
    }

    /** True when the policy has a step after the incident's current one, counting repeats of the ladder. */
    public static boolean hasNextStep(Incident incident, EscalationPolicy policy) {
        return policy != null && !policy.steps().isEmpty()
                && (incident.step() + 1 < policy.steps().size() || incident.cycle() < policy.repeat());
    }

    /** Moves to the next step (or restarts the ladder while repeats remain) and pages it. */
    public Uni<Incident> advance(SqlClient tx, Incident incident, EscalationPolicy policy, Instant now) {
        if (!hasNextStep(incident, policy)) {
            return exhaust(tx, incident, policy, now);
        }
        boolean restart = incident.step() + 1 >= policy.steps().size();
        Incident moved = restart ? incident.withStep(0, incident.cycle() + 1)
                : incident.withStep(incident.step() + 1, incident.cycle());
        return pageCurrentStep(tx, moved, policy, NotificationKind.ESCALATED, now);
    }

    /**
     * The ladder is walked: the incident stays with whoever was paged last, ESCALATION_EXHAUSTED is recorded once for
     * this walk, and neither timer stays armed, since firing could only record that again (a reassignment starts a
     * new walk).
     */
    public Uni<Incident> exhaust(SqlClient tx, Incident incident, EscalationPolicy policy, Instant now) {
        Incident done = incident.exhausted(now);
        if (incident.exhaustedAt() != null) {
            return incident.ackDeadlineAt() == null && incident.resolveDeadlineAt() == null
                    ? Uni.createFrom().item(incident)
                    : incidents.update(tx, done);
        }
        String name = policy == null ? "the escalation policy" : policy.name();
        return timeline.append(tx, incident.id(), now, TimelineEntry.Type.ESCALATION_EXHAUSTED, "system", "timer",
                null, "Every step of " + name + " was paged; nobody left to escalate to", Map.of())
                .flatMap(x -> incidents.update(tx, done));
    }

    /**
     * Where an acknowledgement is told: Slack, whose page the notifier updates in place, and webhooks. An SMS or an
     * email saying "acknowledged" at 3 a.m. only wakes people up again.
     */
    public static final Set<ContactType> ACKNOWLEDGEMENT_CHANNELS = EnumSet.of(ContactType.SLACK,
            ContactType.WEBHOOK);

    /** Tells everyone the incident paged that it was acknowledged or resolved, through all their contact methods. */
    public Uni<Void> tellPaged(SqlClient tx, Incident incident, NotificationKind kind, Instant now) {
        return tellPaged(tx, incident, kind, now, EnumSet.allOf(ContactType.class));
    }

    /**
     * Tells everyone the incident paged, through only those of their contact methods that are of the given types;
     * people with none of them are not told. The id is (incident, kind, person), and the reassignment count once
     * there was one, so the people paged after a reassignment hear of the next acknowledgement too.
     */
    public Uni<Void> tellPaged(SqlClient tx, Incident incident, NotificationKind kind, Instant now,
            Set<ContactType> through) {
        return timeline.notifiedUsers(tx, incident.id()).flatMap(ids -> users.findAll(tx, ids)).flatMap(people -> {
            Uni<Void> work = Uni.createFrom().voidItem();
            for (User person : people) {
                List<ContactMethod> methods = person.contactMethods().stream().filter(m -> through.contains(m.type()))
                        .toList();
                if (methods.isEmpty()) {
                    continue;
                }
                UUID id = incident.reassignCount() == 0 ? DeterministicIds.of(incident.id(), kind, person.id())
                        : DeterministicIds.of(incident.id(), kind, person.id(), "reassign", incident.reassignCount());
                NotificationRequested request = new NotificationRequested(id, kind, incident.summary(),
                        person.id().toString(), person.name(), methods, now);
                work = work.flatMap(x -> events.notification(tx, request));
            }
            return work;
        });
    }

    /**
     * The people a step pages, in the order of its targets: a user, whoever a schedule has on call now, every member
     * of a team; someone reached through two targets is paged once.
     */
    private Uni<List<User>> recipients(SqlClient tx, EscalationStep step, Instant now) {
        List<UUID> scheduleIds = new ArrayList<>();
        List<UUID> teamIds = new ArrayList<>();
        for (StepTarget t : step.targets()) {
            if (t.type() == StepTarget.Type.SCHEDULE) {
                scheduleIds.add(t.id());
            } else if (t.type() == StepTarget.Type.TEAM) {
                teamIds.add(t.id());
            }
        }
        return schedules.loadAll(tx, scheduleIds).flatMap(foundSchedules -> teams.findAll(tx, teamIds)
                .flatMap(foundTeams -> {
                    Set<UUID> userIds = new LinkedHashSet<>();
                    for (StepTarget t : step.targets()) {
                        switch (t.type()) {
                            case USER -> userIds.add(t.id());
                            case SCHEDULE -> foundSchedules.stream().filter(s -> s.id().equals(t.id())).findFirst()
                                    .ifPresent(s -> userIds.addAll(OnCall.at(s, now)));
                            case TEAM -> foundTeams.stream().filter(team -> team.id().equals(t.id())).findFirst()
                                    .ifPresent(team -> userIds.addAll(team.members()));
                        }
                    }
                    return users.findAll(tx, userIds).map(people -> {
                        List<User> ordered = new ArrayList<>();
                        for (UUID id : userIds) {
                            people.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(ordered::add);
                        }
                        return ordered;
                    });
                }));
    }
}
