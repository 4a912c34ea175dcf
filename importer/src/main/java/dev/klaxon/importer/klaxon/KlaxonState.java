package dev.klaxon.importer.klaxon;

import java.util.List;

import dev.klaxon.importer.klaxon.KlaxonTypes.Integration;
import dev.klaxon.importer.klaxon.KlaxonTypes.Policy;
import dev.klaxon.importer.klaxon.KlaxonTypes.Schedule;
import dev.klaxon.importer.klaxon.KlaxonTypes.Team;
import dev.klaxon.importer.klaxon.KlaxonTypes.User;

/** What Klaxon holds before the import: the other side of the plan. */
public record KlaxonState(List<User> users, List<Team> teams, List<Schedule> schedules, List<Policy> policies,
        List<Integration> integrations) {

    public KlaxonState {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        policies = List.copyOf(policies);
        integrations = List.copyOf(integrations);
    }

    public static KlaxonState empty() {
        return new KlaxonState(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
