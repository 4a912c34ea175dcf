package dev.klaxon.importer.source;

import java.util.List;

import dev.klaxon.importer.plan.Specs;

/**
 * Everything read from a source, already mapped onto Klaxon's model, with what could not be mapped (or only
 * approximately) and why.
 */
public record Snapshot(List<Specs.Person> people, List<Specs.Team> teams, List<Specs.Schedule> schedules,
        List<Specs.Policy> policies, List<Specs.Integration> integrations, List<Note> notes) {

    public Snapshot {
        people = List.copyOf(people);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        policies = List.copyOf(policies);
        integrations = List.copyOf(integrations);
        notes = List.copyOf(notes);
    }

    /** Something of the source that is not imported, or not exactly: what it is and why. */
    public record Note(String subject, String reason) {
        @Override
        public String toString() {
            return subject + " → " + reason;
        }
    }
}
