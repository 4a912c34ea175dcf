package dev.klaxon.importer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.importer.klaxon.KlaxonState;
import dev.klaxon.importer.klaxon.KlaxonTypes;
import dev.klaxon.importer.plan.Plan.Action;
import dev.klaxon.importer.source.Snapshot;

class PlannerTest {

    static final Instant NOW = Instant.parse("2027-03-15T00:00:00Z");

    static Specs.Person person(String id, String name, String email, String phone) {
        return new Specs.Person("src:user:" + id, name, email, phone, null, "Europe/London", "user",
                List.of(new Specs.Rule("SMS", 0), new Specs.Rule("EMAIL", 5)), false);
    }

    static Snapshot source(String phone, List<Specs.Override> overrides) {
        Specs.Rotation weekly = new Specs.Rotation("Weekly", "WEEKLY", 1, LocalDateTime.parse("2027-03-01T09:00"),
                List.of("src:user:ana", "src:user:ben"), 1,
                List.of(new Specs.Restriction(List.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(9, 0), 480)),
                Instant.parse("2027-03-01T09:00:00Z"), null);
        return new Snapshot(List.of(person("ana", "Ana", "ana@example.com", "+447700900001"),
                person("ben", "Ben", "ben@example.com", phone)),
                List.of(new Specs.Team("src:team:sre", "SRE", null, List.of("src:user:ben", "src:user:ana"))),
                List.of(new Specs.Schedule("src:schedule:p", "p", "Primary", "Europe/London", List.of(weekly),
                        overrides)),
                List.of(new Specs.Policy("src:policy:ep", "Checkout", 1, List.of(
                        new Specs.Step(900, List.of(new Specs.Target("SCHEDULE", "src:schedule:p"))),
                        new Specs.Step(600, List.of(new Specs.Target("TEAM", "src:team:sre")))))),
                List.of(new Specs.Integration("src:integration:i", "Checkout / API", "pagerduty", "Checkout",
                        "0123456789abcdef0123456789abcdef", null)),
                List.of());
    }

    static final List<Specs.Override> OVERRIDES = List.of(new Specs.Override("src:user:ben",
            Instant.parse("2027-03-20T18:00:00Z"), Instant.parse("2027-03-21T09:00:00Z")));

    /** Klaxon as it would be after applying the plan: what escalation-service and alert-ingest store and return. */
    static KlaxonState applied(Plan plan, KlaxonState before) {
        Map<String, UUID> ids = new HashMap<>(plan.knownIds());
        List<KlaxonTypes.User> users = new ArrayList<>(before.users());
        List<KlaxonTypes.Team> teams = new ArrayList<>(before.teams());
        List<KlaxonTypes.Schedule> schedules = new ArrayList<>(before.schedules());
        List<KlaxonTypes.Policy> policies = new ArrayList<>(before.policies());
        List<KlaxonTypes.Integration> integrations = new ArrayList<>(before.integrations());
        for (Plan.Item i : plan.items()) {
            UUID id = i.klaxonId() != null ? i.klaxonId() : UUID.randomUUID();
            ids.put(i.ref(), id);
            switch (i.kind()) {
                case PERSON -> {
                    Specs.Person p = (Specs.Person) i.spec();
                    users.removeIf(u -> u.id().equals(id));
                    users.add(new KlaxonTypes.User(id, p.name(), p.email(), p.phone(), p.slackUserId(), p.timeZone(),
                            p.role(), null, p.notificationRules().stream().map(r -> new KlaxonTypes.Rule(
                                    r.contactType(), r.delayMinutes())).toList(), p.ref()));
                }
                case TEAM -> {
                    Specs.Team t = (Specs.Team) i.spec();
                    teams.removeIf(x -> x.id().equals(id));
                    teams.add(new KlaxonTypes.Team(id, t.name(), t.description(),
                            t.memberRefs().stream().map(ids::get).toList(), t.ref()));
                }
                case SCHEDULE -> {
                    Specs.Schedule s = (Specs.Schedule) i.spec();
                    schedules.removeIf(x -> x.id().equals(id));
                    schedules.add(new KlaxonTypes.Schedule(id, s.name(), s.timeZone(), s.rotations().stream()
                            .map(r -> new KlaxonTypes.Rotation(r.name(), r.type(), r.shiftLength(),
                                    r.start().toString() + ":00", r.participantRefs().stream().map(ids::get).toList(),
                                    r.layer(), r.restrictions().stream().map(x -> new KlaxonTypes.Restriction(
                                            x.days().stream().map(Enum::name).toList(), x.startTime() + ":00",
                                            x.durationMinutes())).toList(), r.activeFrom(), r.activeUntil()))
                            .toList(), s.overrides().stream().map(o -> new KlaxonTypes.Override(UUID.randomUUID(),
                                    ids.get(o.personRef()), o.start(), o.end())).toList(), s.ref()));
                }
                case POLICY -> {
                    Specs.Policy p = (Specs.Policy) i.spec();
                    policies.removeIf(x -> x.id().equals(id));
                    policies.add(new KlaxonTypes.Policy(id, p.name(), false, p.repeat(), p.steps().stream()
                            .map(s -> new KlaxonTypes.Step(s.timeoutSeconds(), s.targets().stream()
                                    .map(t -> new KlaxonTypes.Target(t.type(), ids.get(t.ref()))).toList())).toList(),
                            p.ref()));
                }
                case INTEGRATION -> {
                    Specs.Integration x = (Specs.Integration) i.spec();
                    integrations.removeIf(y -> y.id().equals(id));
                    integrations.add(new KlaxonTypes.Integration(id, x.name(), x.sourceType(), x.service(), x.key(),
                            true, "http://klaxon/v2/enqueue", x.ref()));
                }
                default -> throw new IllegalStateException();
            }
        }
        return new KlaxonState(users, teams, schedules, policies, integrations);
    }

    @Test
    void aFirstImportCreatesEverythingAndASecondOneChangesNothing() {
        Plan first = Planner.plan(source("+447700900002", OVERRIDES), KlaxonState.empty(), NOW);
        assertEquals(6, first.count(Action.CREATE)); // 2 people, a team, a schedule, a policy, an integration
        assertEquals(1, first.of(Plan.Kind.SCHEDULE).get(0).overridesToAdd().size());
        Plan second = Planner.plan(source("+447700900002", OVERRIDES), applied(first, KlaxonState.empty()), NOW);
        assertEquals(0, second.count(Action.CREATE));
        assertEquals(0, second.updates());
        assertEquals(6, second.unchanged());
        assertTrue(second.items().stream().noneMatch(Plan.Item::writes));
    }

    @Test
    void aChangedPhoneAndANewOverrideAreTheOnlyUpdatesAndAnOverrideGoneFromTheSourceIsDeleted() {
        Plan first = Planner.plan(source("+447700900002", OVERRIDES), KlaxonState.empty(), NOW);
        KlaxonState klaxon = applied(first, KlaxonState.empty());
        List<Specs.Override> moved = List.of(new Specs.Override("src:user:ana", Instant.parse("2027-03-22T00:00:00Z"),
                Instant.parse("2027-03-23T00:00:00Z")));
        Plan changed = Planner.plan(source("+447700900009", moved), klaxon, NOW);
        Plan.Item ben = changed.of(Plan.Kind.PERSON).get(1);
        assertEquals(Action.UPDATE, ben.action());
        assertEquals(List.of("phone +447700900002 → +447700900009"), ben.changes());
        Plan.Item schedule = changed.of(Plan.Kind.SCHEDULE).get(0);
        assertEquals(Action.UNCHANGED, schedule.action(), "rotations did not change");
        assertEquals(moved, schedule.overridesToAdd());
        assertEquals(1, schedule.overridesToDelete().size());
        assertEquals(2, changed.updates());
    }

    @Test
    void somebodyKlaxonAlreadyHasWithTheSameEmailIsAdoptedAndATakenNameIsNotImported() {
        UUID existing = UUID.randomUUID();
        KlaxonState klaxon = new KlaxonState(List.of(new KlaxonTypes.User(existing, "Ana A.", "ANA@example.com",
                null, "U0ANA", "UTC", null, null, List.of(), null)), List.of(),
                List.of(new KlaxonTypes.Schedule(UUID.randomUUID(), "Primary", "UTC", List.of(), List.of(),
                        "opsgenie:schedule:x")), List.of(), List.of());
        Plan plan = Planner.plan(source("+447700900002", OVERRIDES), klaxon, NOW);
        Plan.Item ana = plan.of(Plan.Kind.PERSON).get(0);
        assertEquals(Action.UPDATE, ana.action());
        assertEquals(existing, ana.klaxonId());
        assertTrue(ana.changes().get(0).startsWith("adopt the existing person"));
        assertTrue(plan.of(Plan.Kind.SCHEDULE).isEmpty());
        assertTrue(plan.notes().stream().anyMatch(n -> n.subject().equals("Schedule 'Primary'")
                && n.reason().contains("imported as opsgenie:schedule:x")));
        // the policy step that paged the schedule is left out, the team step stays
        assertEquals(1, ((Specs.Policy) plan.of(Plan.Kind.POLICY).get(0).spec()).steps().size());
    }

    @Test
    void restrictionDaysInAnotherOrderAreNotAChange() {
        Plan first = Planner.plan(source("+447700900002", OVERRIDES), KlaxonState.empty(), NOW);
        KlaxonState klaxon = applied(first, KlaxonState.empty());
        KlaxonTypes.Schedule s = klaxon.schedules().get(0);
        KlaxonTypes.Rotation r = s.rotations().get(0);
        KlaxonTypes.Rotation reordered = new KlaxonTypes.Rotation(r.name(), r.type(), r.shiftLength(), r.start(),
                r.participants(), r.layer(), List.of(new KlaxonTypes.Restriction(List.of("MONDAY", "FRIDAY"),
                        "09:00:00", 480)), r.activeFrom(), r.activeUntil());
        KlaxonState edited = new KlaxonState(klaxon.users(), klaxon.teams(), List.of(new KlaxonTypes.Schedule(s.id(),
                s.name(), s.timeZone(), List.of(reordered), s.overrides(), s.externalRef())), klaxon.policies(),
                klaxon.integrations());
        assertEquals(Action.UNCHANGED, Planner.plan(source("+447700900002", OVERRIDES), edited, NOW)
                .of(Plan.Kind.SCHEDULE).get(0).action());
    }
}
