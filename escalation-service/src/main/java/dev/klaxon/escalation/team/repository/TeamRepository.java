package dev.klaxon.escalation.team.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.klaxon.escalation.team.Team;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Teams and their ordered members in PostgreSQL; every method runs on the caller's connection. */
@ApplicationScoped
public class TeamRepository {

    /** Inserts or replaces a team and its members. */
    public Uni<Void> save(SqlClient tx, Team t) {
        // a null external reference keeps the stored one, an empty one clears it
        return tx.preparedQuery("INSERT INTO team (id, name, description, external_ref) VALUES ($1,$2,$3,"
                + "NULLIF($4, '')) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = "
                + "EXCLUDED.description, external_ref = CASE WHEN $4::text IS NULL THEN team.external_ref "
                + "ELSE NULLIF($4::text, '') END")
                .execute(Tuple.of(t.id(), t.name(), t.description(), t.externalRef()))
                .flatMap(x -> tx.preparedQuery("DELETE FROM team_member WHERE team_id = $1").execute(Tuple.of(t.id())))
                .flatMap(x -> {
                    if (t.members().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Tuple> rows = new ArrayList<>();
                    for (int i = 0; i < t.members().size(); i++) {
                        rows.add(Tuple.of(t.id(), t.members().get(i), i));
                    }
                    return tx.preparedQuery("INSERT INTO team_member (team_id, user_id, position) VALUES ($1,$2,$3)")
                            .executeBatch(rows).replaceWithVoid();
                });
    }

    public Uni<List<Team>> list(SqlClient client) {
        return list(client, null);
    }

    /** Every team, or only the one imported with this external reference. */
    public Uni<List<Team>> list(SqlClient client, String externalRef) {
        return client.preparedQuery("SELECT id FROM team WHERE $1::text IS NULL OR external_ref = $1")
                .execute(Tuple.of(externalRef))
                .flatMap(rows -> findAll(client, rows.stream().map(r -> r.getUUID("id")).toList()));
    }

    public Uni<Team> find(SqlClient client, UUID id) {
        return findAll(client, List.of(id)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** The teams with these ids (unknown ids are left out), ordered by name, each with its members in order. */
    public Uni<List<Team>> findAll(SqlClient client, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple idArg = Tuple.of(ids.toArray(UUID[]::new));
        return client.preparedQuery("SELECT id, name, description, external_ref FROM team WHERE id = ANY($1) "
                + "ORDER BY name")
                .execute(idArg)
                .flatMap(teams -> client.preparedQuery("SELECT team_id, user_id FROM team_member "
                        + "WHERE team_id = ANY($1) ORDER BY position").execute(idArg).map(members -> {
                            Map<UUID, List<UUID>> byTeam = new HashMap<>();
                            for (Row m : members) {
                                byTeam.computeIfAbsent(m.getUUID("team_id"), k -> new ArrayList<>())
                                        .add(m.getUUID("user_id"));
                            }
                            List<Team> out = new ArrayList<>();
                            for (Row t : teams) {
                                UUID id = t.getUUID("id");
                                out.add(new Team(id, t.getString("name"), t.getString("description"),
                                        byTeam.getOrDefault(id, List.of()), t.getString("external_ref")));
                            }
                            return out;
                        }));
    }

    /**
     * Which of these teams exist, holding a share lock on each until the transaction ends, so that a team cannot be
     * deleted while a policy that names it is being saved.
     */
    public Uni<List<UUID>> lockExisting(SqlClient tx, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery("SELECT id FROM team WHERE id = ANY($1) FOR SHARE")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> rows.stream().map(r -> r.getUUID("id")).toList());
    }

    /** Locks a team for a change; false when it does not exist. */
    public Uni<Boolean> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT id FROM team WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /** Names of the escalation policies with a step that targets the team. */
    public Uni<List<String>> policiesUsing(SqlClient client, UUID id) {
        JsonArray target = new JsonArray().add(new JsonObject(new LinkedHashMap<>(Map.of("type", "TEAM",
                "id", id.toString()))));
        return client.preparedQuery("SELECT DISTINCT p.name FROM escalation_step s JOIN escalation_policy p "
                + "ON p.id = s.policy_id WHERE s.targets @> $1::jsonb ORDER BY p.name").execute(Tuple.of(target))
                .map(rows -> rows.stream().map(r -> r.getString("name")).toList());
    }

    public Uni<Boolean> delete(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM team WHERE id = $1").execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
    }
}
