package dev.klaxon.importer.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.importer.source.Snapshot;

/**
 * What an import will do, object by object, in the order it is applied (people, teams, schedules, escalation
 * policies, integrations), and what cannot be mapped.
 *
 * @param knownIds Klaxon ids of the objects that exist already, by external reference
 * @param knownRefs the other way round: external reference (or {@code klaxon:<id>}) of every Klaxon person
 */
public record Plan(List<Item> items, List<Snapshot.Note> notes, Map<String, UUID> knownIds,
        Map<UUID, String> knownRefs) {

    public Plan {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
        knownIds = Map.copyOf(knownIds);
        knownRefs = Map.copyOf(knownRefs);
    }

    /** The kinds of object, in the order they are applied. */
    public enum Kind {
        PERSON("People"), TEAM("Teams"), SCHEDULE("Schedules"), POLICY("Escalation policies"),
        INTEGRATION("Integrations");

        public final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    /** What happens to one object. */
    public enum Action {
        /** created in Klaxon */
        CREATE,
        /** an existing Klaxon object is changed (and remembers where it came from) */
        UPDATE,
        /** Klaxon already holds it as the source has it */
        UNCHANGED,
        /** an existing Klaxon object already linked to another source is used as it is */
        LINK
    }

    /**
     * One object of the plan.
     *
     * @param klaxonId the existing Klaxon object (null when it is created)
     * @param spec the {@link Specs} record to write
     * @param changes for an update, what changes, one line each
     * @param overridesToAdd for a schedule, the overrides Klaxon lacks
     * @param overridesToDelete for a schedule, ids of Klaxon's future overrides the source no longer has
     */
    public record Item(Kind kind, Action action, String ref, String label, UUID klaxonId, Object spec,
            List<String> changes, List<Specs.Override> overridesToAdd, List<UUID> overridesToDelete) {

        public Item {
            changes = List.copyOf(changes);
            overridesToAdd = List.copyOf(overridesToAdd);
            overridesToDelete = List.copyOf(overridesToDelete);
        }

        /** Whether applying it writes anything. */
        public boolean writes() {
            return action == Action.CREATE || action == Action.UPDATE || !overridesToAdd.isEmpty()
                    || !overridesToDelete.isEmpty();
        }
    }

    public List<Item> of(Kind kind) {
        return items.stream().filter(i -> i.kind() == kind).toList();
    }

    public long count(Action action) {
        return items.stream().filter(i -> i.action() == action).count();
    }

    /** Items whose only change is to overrides count as updates in the summary. */
    public long updates() {
        return items.stream().filter(i -> i.action() == Action.UPDATE
                || (i.action() == Action.UNCHANGED && i.writes())).count();
    }

    public long unchanged() {
        return items.stream().filter(i -> (i.action() == Action.UNCHANGED && !i.writes()) || i.action() == Action.LINK)
                .count();
    }

    /** A copy of the list, for builders. */
    static <T> List<T> copy(List<T> l) {
        return new ArrayList<>(l);
    }
}
