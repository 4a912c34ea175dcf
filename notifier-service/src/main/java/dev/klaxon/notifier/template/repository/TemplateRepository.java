package dev.klaxon.notifier.template.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Template overrides in PostgreSQL. */
@ApplicationScoped
public class TemplateRepository {

    /** One override. */
    public record Override(String name, String body, String updatedBy, Instant updatedAt) {
    }

    private final Pool pool;

    public TemplateRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, Override>> all() {
        return pool.query("SELECT * FROM template_override").execute().map(rows -> {
            Map<String, Override> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(r.getString("name"), new Override(r.getString("name"), r.getString("body"),
                        r.getString("updated_by"), r.getOffsetDateTime("updated_at").toInstant()));
            }
            return out;
        });
    }

    public Uni<Void> save(String name, String body, String by) {
        return pool.preparedQuery("INSERT INTO template_override (name, body, updated_by) VALUES ($1,$2,$3) "
                + "ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, "
                + "updated_at = now()").execute(Tuple.of(name, body, by)).replaceWithVoid();
    }

    public Uni<Boolean> delete(String name) {
        return pool.preparedQuery("DELETE FROM template_override WHERE name = $1").execute(Tuple.of(name))
                .map(r -> r.rowCount() == 1);
    }
}
