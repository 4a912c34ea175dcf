package dev.klaxon.escalation.policy.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.klaxon.escalation.policy.EscalationPolicy;
import dev.klaxon.escalation.policy.EscalationStep;
import dev.klaxon.escalation.policy.StepTarget;
import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Escalation policies and their steps in PostgreSQL. */
@ApplicationScoped
public class PolicyRepository {

    private static final TypeReference<List<StepTarget>> TARGETS = new TypeReference<>() {
    };

    private final Pool pool;

    public PolicyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts or replaces a policy in the caller's transaction; making it the default takes that from any other. */
    public Uni<Void> save(SqlClient tx, EscalationPolicy p) {
        Uni<?> clearDefault = p.isDefault()
                ? tx.preparedQuery("UPDATE escalation_policy SET is_default = FALSE WHERE is_default AND id <> $1")
                        .execute(Tuple.of(p.id()))
                : Uni.createFrom().voidItem();
        return clearDefault
                // a null external reference keeps the stored one, an empty one clears it
                .flatMap(x -> tx.preparedQuery("INSERT INTO escalation_policy (id, name, is_default, repeat_count, "
                        + "external_ref) VALUES ($1,$2,$3,$4,NULLIF($5, '')) ON CONFLICT (id) DO UPDATE SET "
                        + "name = EXCLUDED.name, is_default = EXCLUDED.is_default, repeat_count = "
                        + "EXCLUDED.repeat_count, external_ref = CASE WHEN $5::text IS NULL THEN "
                        + "escalation_policy.external_ref ELSE NULLIF($5::text, '') END")
                        .execute(Tuple.of(p.id(), p.name(), p.isDefault(), p.repeat(), p.externalRef())))
                .flatMap(x -> tx.preparedQuery("DELETE FROM escalation_step WHERE policy_id = $1")
                        .execute(Tuple.of(p.id())))
                .flatMap(x -> {
                    List<Tuple> rows = new ArrayList<>();
                    for (EscalationStep s : p.steps()) {
                        rows.add(Tuple.of(p.id(), s.position(), s.timeoutSeconds(),
                                new JsonArray(EventJson.write(s.targets()))));
                    }
                    return rows.isEmpty() ? Uni.createFrom().voidItem()
                            : tx.preparedQuery("INSERT INTO escalation_step (policy_id, position, timeout_seconds, "
                                    + "targets) VALUES ($1,$2,$3,$4)").executeBatch(rows).replaceWithVoid();
                });
    }

    public Uni<List<EscalationPolicy>> list() {
        return list(null);
    }

    /** Every policy, or only the one imported with this external reference. */
    public Uni<List<EscalationPolicy>> list(String externalRef) {
        return pool.preparedQuery("SELECT * FROM escalation_policy WHERE $1::text IS NULL OR external_ref = $1 "
                + "ORDER BY name").execute(Tuple.of(externalRef)).flatMap(rows -> withSteps(pool, rows));
    }

    public Uni<EscalationPolicy> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM escalation_policy WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> withSteps(client, rows)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** The policy with this name, or the default one when the name is null or unknown. */
    public Uni<EscalationPolicy> findByNameOrDefault(SqlClient client, String name) {
        return client.preparedQuery("SELECT * FROM escalation_policy WHERE name = $1 OR is_default "
                + "ORDER BY (name = $1) DESC NULLS LAST LIMIT 1").execute(Tuple.of(name == null ? "" : name))
                .flatMap(rows -> withSteps(client, rows)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM escalation_policy WHERE id = $1").execute(Tuple.of(id))
                .map(r -> r.rowCount() == 1);
    }

    private Uni<List<EscalationPolicy>> withSteps(SqlClient client, RowSet<Row> policies) {
        List<UUID> ids = new ArrayList<>();
        policies.forEach(r -> ids.add(r.getUUID("id")));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("SELECT * FROM escalation_step WHERE policy_id = ANY($1) ORDER BY position")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(steps -> {
                    Map<UUID, List<EscalationStep>> byPolicy = new HashMap<>();
                    for (Row s : steps) {
                        List<StepTarget> targets;
                        try {
                            targets = EventJson.mapper().readValue(s.getJsonArray("targets").encode(), TARGETS);
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException("stored escalation step targets are unreadable", e);
                        }
                        byPolicy.computeIfAbsent(s.getUUID("policy_id"), k -> new ArrayList<>())
                                .add(new EscalationStep(s.getInteger("position"), s.getInteger("timeout_seconds"),
                                        targets));
                    }
                    List<EscalationPolicy> out = new ArrayList<>();
                    for (Row p : policies) {
                        UUID id = p.getUUID("id");
                        out.add(new EscalationPolicy(id, p.getString("name"), p.getBoolean("is_default"),
                                p.getInteger("repeat_count"), byPolicy.getOrDefault(id, List.of()),
                                p.getString("external_ref")));
                    }
                    return out;
                });
    }
}
