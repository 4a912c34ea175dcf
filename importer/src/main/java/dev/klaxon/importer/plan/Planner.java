package dev.klaxon.importer.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.klaxon.importer.klaxon.KlaxonState;
import dev.klaxon.importer.klaxon.KlaxonTypes;
import dev.klaxon.importer.plan.Plan.Action;
import dev.klaxon.importer.plan.Plan.Item;
import dev.klaxon.importer.plan.Plan.Kind;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Snapshot.Note;

/**
 * Compares what a source says with what Klaxon holds and decides, per object, create / update / unchanged. Pure: it
 * takes values and returns the plan, so idempotency (a second run plans nothing) is unit-tested.
 *
 * <p>An object is found by its external reference; failing that, an object Klaxon has without one is adopted: a person
 * by email, a team, schedule or policy by name. A person whose email belongs to someone already imported from
 * elsewhere is linked, not changed. A name taken by an object imported from elsewhere cannot be imported.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(Snapshot source, KlaxonState klaxon, Instant now) {
        return new Run(source, klaxon, now).plan();
    }

    private static final class Run {
        final Snapshot source;
        final KlaxonState klaxon;
        final Instant now;
        final List<Item> items = new ArrayList<>();
        final List<Note> notes;
        final Map<String, UUID> knownIds = new HashMap<>();
        final Map<UUID, String> refOfId = new HashMap<>();
        /** refs that will exist once applied: known ones and those created */
        final Set<String> willExist = new HashSet<>();

        Run(Snapshot source, KlaxonState klaxon, Instant now) {
            this.source = source;
            this.klaxon = klaxon;
            this.now = now;
            this.notes = new ArrayList<>(source.notes());
            for (KlaxonTypes.User u : klaxon.users()) {
                refOfId.put(u.id(), u.externalRef() != null ? u.externalRef() : "klaxon:" + u.id());
            }
            for (KlaxonTypes.Team t : klaxon.teams()) {
                refOfId.put(t.id(), t.externalRef() != null ? t.externalRef() : "klaxon:" + t.id());
            }
            for (KlaxonTypes.Schedule s : klaxon.schedules()) {
                refOfId.put(s.id(), s.externalRef() != null ? s.externalRef() : "klaxon:" + s.id());
            }
        }

        Plan plan() {
            for (Specs.Person p : source.people()) {
                person(p);
            }
            for (Specs.Team t : source.teams()) {
                team(t);
            }
            for (Specs.Schedule s : source.schedules()) {
                schedule(s);
            }
            for (Specs.Policy p : source.policies()) {
                policy(p);
            }
            for (Specs.Integration i : source.integrations()) {
                integration(i);
            }
            return new Plan(items, notes, knownIds, refOfId);
        }

        void known(String ref, UUID id) {
            knownIds.put(ref, id);
            refOfId.put(id, ref);
            willExist.add(ref);
        }

        // ---- people

        void person(Specs.Person p) {
            KlaxonTypes.User byRef = klaxon.users().stream().filter(u -> p.ref().equals(u.externalRef())).findFirst()
                    .orElse(null);
            KlaxonTypes.User current = byRef;
            if (current == null && p.email() != null && !p.placeholder()) {
                KlaxonTypes.User byEmail = klaxon.users().stream()
                        .filter(u -> u.email() != null && u.email().equalsIgnoreCase(p.email())).findFirst()
                        .orElse(null);
                if (byEmail != null && byEmail.externalRef() != null) {
                    known(p.ref(), byEmail.id());
                    items.add(item(Kind.PERSON, Action.LINK, p.ref(), label(p) + " = existing " + byEmail.name()
                            + " (imported as " + byEmail.externalRef() + ")", byEmail.id(), p, List.of()));
                    return;
                }
                current = byEmail;
            }
            if (current == null) {
                willExist.add(p.ref());
                items.add(item(Kind.PERSON, Action.CREATE, p.ref(), label(p), null, p, List.of()));
                return;
            }
            known(p.ref(), current.id());
            List<String> changes = new ArrayList<>();
            if (byRef == null) {
                changes.add("adopt the existing person with this email (remember " + p.ref() + ")");
            }
            diff(changes, "name", current.name(), p.name());
            diff(changes, "email", current.email(), p.email());
            diff(changes, "phone", current.phone(), p.phone());
            diff(changes, "Slack id", current.slackUserId(), p.slackUserId());
            diff(changes, "time zone", current.timeZone(), p.timeZone());
            diff(changes, "role", current.role(), p.role());
            if (p.notificationRules() != null) {
                List<Specs.Rule> now = current.notificationRules() == null ? List.of()
                        : current.notificationRules().stream().map(r -> new Specs.Rule(r.contactType(),
                                r.delayMinutes())).toList();
                if (!now.equals(p.notificationRules())) {
                    changes.add("notification rules " + rules(now) + " → " + rules(p.notificationRules()));
                }
            }
            items.add(item(Kind.PERSON, changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE, p.ref(), label(p),
                    current.id(), p, changes));
        }

        static String label(Specs.Person p) {
            return p.name() + (p.email() == null ? "" : " <" + p.email() + ">")
                    + (p.placeholder() ? " (placeholder, no contact methods)" : "");
        }

        static String rules(List<Specs.Rule> rules) {
            if (rules.isEmpty()) {
                return "(none: every contact at once)";
            }
            List<String> out = new ArrayList<>();
            rules.forEach(r -> out.add(r.contactType() + " after " + r.delayMinutes() + " min"));
            return String.join(", ", out);
        }

        /** A change when the source knows the value (non-null) and it differs. */
        static void diff(List<String> changes, String what, String now, String wanted) {
            if (wanted != null && !wanted.equals(now)) {
                changes.add(what + " " + (now == null ? "(none)" : now) + " → " + wanted);
            }
        }

        // ---- teams

        void team(Specs.Team t) {
            KlaxonTypes.Team current = klaxon.teams().stream().filter(x -> t.ref().equals(x.externalRef()))
                    .findFirst().orElse(null);
            boolean adopted = false;
            if (current == null) {
                KlaxonTypes.Team byName = klaxon.teams().stream().filter(x -> x.name().equals(t.name())).findFirst()
                        .orElse(null);
                if (byName != null && byName.externalRef() != null) {
                    notes.add(new Note("Team '" + t.name() + "'", "not imported: Klaxon's team of that name was "
                            + "imported as " + byName.externalRef() + "; rename one of them"));
                    return;
                }
                current = byName;
                adopted = byName != null;
            }
            List<String> members = existing("team '" + t.name() + "' member", t.memberRefs());
            Specs.Team spec = new Specs.Team(t.ref(), t.name(), t.description(), members);
            String label = t.name() + " (" + members.size() + " member" + (members.size() == 1 ? "" : "s") + ")";
            if (current == null) {
                willExist.add(t.ref());
                items.add(item(Kind.TEAM, Action.CREATE, t.ref(), label, null, spec, List.of()));
                return;
            }
            known(t.ref(), current.id());
            List<String> changes = new ArrayList<>();
            if (adopted) {
                changes.add("adopt the existing team of this name (remember " + t.ref() + ")");
            }
            diff(changes, "name", current.name(), t.name());
            diff(changes, "description", current.description(), t.description());
            List<String> now = refs(current.members());
            if (!now.equals(members)) {
                changes.add("members " + now.size() + " → " + members.size() + " (order or people changed)");
            }
            items.add(item(Kind.TEAM, changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE, t.ref(), label,
                    current.id(), spec, changes));
        }

        List<String> refs(List<UUID> ids) {
            return ids == null ? List.of() : ids.stream().map(id -> refOfId.getOrDefault(id, "klaxon:" + id)).toList();
        }

        /** The references among these that will exist; the others are noted and left out. */
        List<String> existing(String what, List<String> refs) {
            List<String> out = new ArrayList<>();
            for (String r : refs) {
                if (willExist.contains(r)) {
                    out.add(r);
                } else {
                    notes.add(new Note(capitalize(what) + " " + r, "left out: not imported"));
                }
            }
            return out;
        }

        // ---- schedules

        void schedule(Specs.Schedule s) {
            KlaxonTypes.Schedule current = klaxon.schedules().stream().filter(x -> s.ref().equals(x.externalRef()))
                    .findFirst().orElse(null);
            boolean adopted = false;
            if (current == null) {
                KlaxonTypes.Schedule byName = klaxon.schedules().stream().filter(x -> x.name().equals(s.name()))
                        .findFirst().orElse(null);
                if (byName != null && byName.externalRef() != null) {
                    notes.add(new Note("Schedule '" + s.name() + "'", "not imported: Klaxon's schedule of that name "
                            + "was imported as " + byName.externalRef() + "; rename one of them"));
                    return;
                }
                current = byName;
                adopted = byName != null;
            }
            List<Specs.Rotation> rotations = new ArrayList<>();
            for (Specs.Rotation r : s.rotations()) {
                List<String> who = existing("schedule '" + s.name() + "' rotation '" + r.name() + "' participant",
                        r.participantRefs());
                if (who.isEmpty()) {
                    notes.add(new Note("Schedule '" + s.name() + "' rotation '" + r.name() + "'",
                            "not imported: none of its participants is imported"));
                    continue;
                }
                rotations.add(new Specs.Rotation(r.name(), r.type(), r.shiftLength(), r.start(), who, r.layer(),
                        r.restrictions(), r.activeFrom(), r.activeUntil()));
            }
            if (rotations.isEmpty()) {
                notes.add(new Note("Schedule '" + s.name() + "'", "not imported: it has no rotation Klaxon can hold"));
                return;
            }
            List<Specs.Override> overrides = new ArrayList<>();
            for (Specs.Override o : s.overrides()) {
                if (!o.end().isAfter(now)) {
                    continue;
                }
                if (willExist.contains(o.personRef())) {
                    overrides.add(o);
                } else {
                    notes.add(new Note("Schedule '" + s.name() + "' override " + o.start() + "–" + o.end(),
                            "not imported: " + o.personRef() + " is not imported"));
                }
            }
            Specs.Schedule spec = new Specs.Schedule(s.ref(), s.sourceId(), s.name(), s.timeZone(), rotations,
                    overrides);
            String label = s.name() + " (" + s.timeZone() + ", " + rotations.size() + " rotation"
                    + (rotations.size() == 1 ? "" : "s") + ", " + overrides.size() + " override"
                    + (overrides.size() == 1 ? "" : "s") + " ahead)";
            if (current == null) {
                willExist.add(s.ref());
                items.add(new Item(Kind.SCHEDULE, Action.CREATE, s.ref(), label, null, spec, List.of(), overrides,
                        List.of()));
                return;
            }
            known(s.ref(), current.id());
            List<String> changes = new ArrayList<>();
            if (adopted) {
                changes.add("adopt the existing schedule of this name (remember " + s.ref() + ")");
            }
            diff(changes, "name", current.name(), s.name());
            diff(changes, "time zone", current.timeZone(), s.timeZone());
            List<Specs.Rotation> now = current.rotations() == null ? List.of()
                    : current.rotations().stream().map(this::rotation).toList();
            if (!canonical(now).equals(canonical(rotations))) {
                changes.add("rotations replaced (" + now.size() + " → " + rotations.size() + ")");
            }
            // overrides: the source's future ones, matched by person and times
            Map<Specs.Override, UUID> have = new LinkedHashMap<>();
            for (KlaxonTypes.Override o : current.overrides() == null ? List.<KlaxonTypes.Override>of()
                    : current.overrides()) {
                if (o.end().isAfter(this.now)) {
                    have.put(new Specs.Override(refOfId.getOrDefault(o.userId(), "klaxon:" + o.userId()), o.start(),
                            o.end()), o.id());
                }
            }
            List<Specs.Override> add = overrides.stream().filter(o -> !have.containsKey(o)).toList();
            List<UUID> delete = have.entrySet().stream().filter(e -> !overrides.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            if (!add.isEmpty()) {
                changes.add("add " + add.size() + " override" + (add.size() == 1 ? "" : "s"));
            }
            if (!delete.isEmpty()) {
                changes.add("delete " + delete.size() + " override" + (delete.size() == 1 ? "" : "s")
                        + " the source no longer has");
            }
            boolean body = changes.stream().anyMatch(c -> !c.startsWith("add ") && !c.startsWith("delete "));
            items.add(new Item(Kind.SCHEDULE, body ? Action.UPDATE : Action.UNCHANGED, s.ref(), label, current.id(),
                    spec, changes, add, delete));
        }

        Specs.Rotation rotation(KlaxonTypes.Rotation r) {
            List<Specs.Restriction> restrictions = new ArrayList<>();
            for (KlaxonTypes.Restriction x : r.restrictions() == null ? List.<KlaxonTypes.Restriction>of()
                    : r.restrictions()) {
                restrictions.add(new Specs.Restriction(x.days() == null ? List.of()
                        : x.days().stream().map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT))).toList(),
                        LocalTime.parse(x.startTime()), x.durationMinutes()));
            }
            return new Specs.Rotation(r.name(), r.type(), r.shiftLength() == null ? 1 : r.shiftLength(),
                    LocalDateTime.parse(r.start()), refs(r.participants()), r.layer() == null ? 0 : r.layer(),
                    restrictions, r.activeFrom(), r.activeUntil());
        }

        /** Rotations compared as sets of values, days sorted (Klaxon keeps their order, a source may not). */
        static Set<List<Object>> canonical(List<Specs.Rotation> rotations) {
            Set<List<Object>> out = new HashSet<>();
            for (Specs.Rotation r : rotations) {
                List<List<Object>> restrictions = new ArrayList<>();
                for (Specs.Restriction x : r.restrictions()) {
                    restrictions.add(List.of(x.days().stream().sorted().toList(), x.startTime(), x.durationMinutes()));
                }
                restrictions.sort(Comparator.comparing(Object::toString));
                out.add(java.util.Arrays.asList(r.name(), r.type(), r.shiftLength(), r.start(), r.participantRefs(),
                        r.layer(), restrictions, r.activeFrom(), r.activeUntil()));
            }
            return out;
        }

        // ---- escalation policies

        void policy(Specs.Policy p) {
            KlaxonTypes.Policy current = klaxon.policies().stream().filter(x -> p.ref().equals(x.externalRef()))
                    .findFirst().orElse(null);
            boolean adopted = false;
            if (current == null) {
                KlaxonTypes.Policy byName = klaxon.policies().stream().filter(x -> x.name().equals(p.name()))
                        .findFirst().orElse(null);
                if (byName != null && byName.externalRef() != null) {
                    notes.add(new Note("Escalation policy '" + p.name() + "'", "not imported: Klaxon's policy of "
                            + "that name was imported as " + byName.externalRef() + "; rename one of them"));
                    return;
                }
                current = byName;
                adopted = byName != null;
            }
            List<Specs.Step> steps = new ArrayList<>();
            for (int i = 0; i < p.steps().size(); i++) {
                Specs.Step s = p.steps().get(i);
                List<Specs.Target> targets = new ArrayList<>();
                for (Specs.Target t : s.targets()) {
                    if (willExist.contains(t.ref())) {
                        targets.add(t);
                    } else {
                        notes.add(new Note("Escalation policy '" + p.name() + "' step " + (i + 1) + " target "
                                + t.type().toLowerCase(Locale.ROOT) + " " + t.ref(), "left out: not imported"));
                    }
                }
                if (targets.isEmpty()) {
                    notes.add(new Note("Escalation policy '" + p.name() + "' step " + (i + 1),
                            "left out: none of its targets is imported"));
                    continue;
                }
                steps.add(new Specs.Step(s.timeoutSeconds(), targets));
            }
            if (steps.isEmpty()) {
                notes.add(new Note("Escalation policy '" + p.name() + "'", "not imported: no step has a target "
                        + "Klaxon can page"));
                return;
            }
            Specs.Policy spec = new Specs.Policy(p.ref(), p.name(), p.repeat(), steps);
            String label = p.name() + " (" + steps.size() + " step" + (steps.size() == 1 ? "" : "s")
                    + (p.repeat() > 0 ? ", repeated " + p.repeat() + "×" : "") + ")";
            if (current == null) {
                willExist.add(p.ref());
                items.add(item(Kind.POLICY, Action.CREATE, p.ref(), label, null, spec, List.of()));
                return;
            }
            knownIds.put(p.ref(), current.id());
            willExist.add(p.ref());
            List<String> changes = new ArrayList<>();
            if (adopted) {
                changes.add("adopt the existing policy of this name (remember " + p.ref() + ")");
            }
            diff(changes, "name", current.name(), p.name());
            if (!Objects.equals(current.repeat(), p.repeat())) {
                changes.add("repeat " + current.repeat() + " → " + p.repeat());
            }
            List<Specs.Step> now = new ArrayList<>();
            for (KlaxonTypes.Step s : current.steps() == null ? List.<KlaxonTypes.Step>of() : current.steps()) {
                now.add(new Specs.Step(s.timeoutSeconds(), s.targets().stream()
                        .map(t -> new Specs.Target(t.type(), refOfId.getOrDefault(t.id(), "klaxon:" + t.id())))
                        .toList()));
            }
            if (!now.equals(steps)) {
                changes.add("steps replaced (" + now.size() + " → " + steps.size() + ")");
            }
            items.add(item(Kind.POLICY, changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE, p.ref(), label,
                    current.id(), spec, changes));
        }

        // ---- integrations

        void integration(Specs.Integration i) {
            KlaxonTypes.Integration current = klaxon.integrations().stream()
                    .filter(x -> i.ref().equals(x.externalRef())).findFirst().orElse(null);
            String label = i.name() + " (" + i.sourceType() + ", service " + i.service() + ")";
            if (current == null) {
                items.add(item(Kind.INTEGRATION, Action.CREATE, i.ref(), label, null, i, List.of()));
                return;
            }
            knownIds.put(i.ref(), current.id());
            List<String> changes = new ArrayList<>();
            diff(changes, "name", current.name(), i.name());
            diff(changes, "service", current.service(), i.service());
            if (!i.sourceType().equals(current.sourceType())) {
                notes.add(new Note("Integration '" + i.name() + "'", "Klaxon's is a " + current.sourceType()
                        + " integration and the source's now a " + i.sourceType() + " one: the kind of an integration "
                        + "cannot change; delete Klaxon's and import again"));
            }
            if (i.key() != null && !i.key().equals(current.key())) {
                notes.add(new Note("Integration '" + i.name() + "'", "the source's key changed; Klaxon keeps its "
                        + "own (rotate it at /api/v1/integrations/{id}/rotate-key if needed)"));
            }
            items.add(item(Kind.INTEGRATION, changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE, i.ref(), label,
                    current.id(), i, changes));
        }

        static Item item(Kind kind, Action action, String ref, String label, UUID id, Object spec,
                List<String> changes) {
            return new Item(kind, action, ref, label, id, spec, changes, List.of(), List.of());
        }

        static String capitalize(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
