package dev.klaxon.triage.rule.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.klaxon.events.EventJson;
import dev.klaxon.triage.rule.Rule;
import dev.klaxon.triage.rule.RuleActions;
import dev.klaxon.triage.rule.RuleConditions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Triage rules in PostgreSQL, kept densely ordered by position. */
@ApplicationScoped
public class RuleRepository {

    private final Pool pool;

    public RuleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Rule>> list() {
        return pool.query("SELECT * FROM rule ORDER BY position, id").execute().map(rows -> {
            List<Rule> out = new ArrayList<>();
            rows.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    /** Inserts a rule at a position (the end when null), shifting the ones at and after it down. */
    public Uni<Void> insert(Rule rule, Integer position) {
        return pool.withTransaction(tx -> lockAll(tx).flatMap(count -> {
            int at = position == null || position > count ? count : Math.max(0, position);
            return tx.preparedQuery("UPDATE rule SET position = position + 1 WHERE position >= $1")
                    .execute(Tuple.of(at))
                    .flatMap(x -> tx.preparedQuery("INSERT INTO rule (id, position, name, enabled, conditions, actions) "
                            + "VALUES ($1,$2,$3,$4,$5,$6)").execute(Tuple.from(new Object[] { rule.id(), at,
                                    rule.name(), rule.enabled(), json(rule.conditions()), json(rule.actions()) })))
                    .replaceWithVoid();
        }));
    }

    public Uni<Boolean> update(Rule rule) {
        return pool.preparedQuery("UPDATE rule SET name=$2, enabled=$3, conditions=$4, actions=$5, updated_at=now() "
                + "WHERE id=$1").execute(Tuple.from(new Object[] { rule.id(), rule.name(), rule.enabled(),
                        json(rule.conditions()), json(rule.actions()) }))
                .map(r -> r.rowCount() == 1);
    }

    /** Moves a rule to a position, keeping the others in their order. */
    public Uni<Boolean> move(UUID id, int position) {
        return pool.withTransaction(tx -> lockAll(tx).flatMap(count -> tx.preparedQuery(
                "SELECT position FROM rule WHERE id = $1").execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    int from = rows.iterator().next().getInteger("position");
                    int to = Math.max(0, Math.min(position, count - 1));
                    String shift = from < to
                            ? "UPDATE rule SET position = position - 1 WHERE position > $1 AND position <= $2"
                            : "UPDATE rule SET position = position + 1 WHERE position >= $2 AND position < $1";
                    return tx.preparedQuery(shift).execute(Tuple.of(from, to))
                            .flatMap(x -> tx.preparedQuery("UPDATE rule SET position = $2, updated_at = now() "
                                    + "WHERE id = $1").execute(Tuple.of(id, to)))
                            .replaceWith(true);
                })));
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.withTransaction(tx -> lockAll(tx).flatMap(x -> tx.preparedQuery(
                "DELETE FROM rule WHERE id = $1 RETURNING position").execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    int at = rows.iterator().next().getInteger("position");
                    return tx.preparedQuery("UPDATE rule SET position = position - 1 WHERE position > $1")
                            .execute(Tuple.of(at)).replaceWith(true);
                })));
    }

    /** Serialises changes to the order: locks every rule, returns how many there are. */
    private static Uni<Integer> lockAll(SqlConnection tx) {
        return tx.query("SELECT id FROM rule FOR UPDATE").execute().map(rows -> rows.size());
    }

    private static JsonObject json(Object value) {
        return new JsonObject(EventJson.write(value));
    }

    private static Rule map(Row r) {
        try {
            return new Rule(r.getUUID("id"), r.getInteger("position"), r.getString("name"), r.getBoolean("enabled"),
                    EventJson.mapper().readValue(r.getJsonObject("conditions").encode(), RuleConditions.class),
                    EventJson.mapper().readValue(r.getJsonObject("actions").encode(), RuleActions.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule " + r.getUUID("id") + " is unreadable", e);
        }
    }
}
