package dev.klaxon.ingest.integration.repository;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Integrations in PostgreSQL. */
@ApplicationScoped
public class IntegrationRepository {

    private static final String COLUMNS = "id, name, source_type, service, integration_key, secret, enabled, "
            + "acknowledge_incidents, created_at, updated_at, external_ref";

    private final Pool pool;

    public IntegrationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Integration> insert(Integration i) {
        return pool.preparedQuery("INSERT INTO integration (" + COLUMNS + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,"
                + "$11) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { i.id(), i.name(), i.sourceType().name(), i.service(), i.key(),
                        i.secret() == null ? "" : i.secret(), i.enabled(), i.acknowledgeIncidents(),
                        i.createdAt().atOffset(ZoneOffset.UTC), i.updatedAt().atOffset(ZoneOffset.UTC),
                        i.externalRef() }))
                .map(IntegrationRepository::first);
    }

    public Uni<List<Integration>> list(String externalRef) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM integration WHERE $1::text IS NULL "
                + "OR external_ref = $1 ORDER BY created_at, id").execute(Tuple.of(externalRef))
                .map(rows -> rows.stream().map(IntegrationRepository::map).toList());
    }

    public Uni<Integration> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM integration WHERE id = $1").execute(Tuple.of(id))
                .map(IntegrationRepository::first);
    }

    public Uni<Integration> findByKey(String key) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM integration WHERE integration_key = $1")
                .execute(Tuple.of(key)).map(IntegrationRepository::first);
    }

    /**
     * Changes name, service and enabled; the acknowledgement setting only when given; a null {@code externalRef}
     * keeps the stored one, an empty one clears it.
     */
    public Uni<Integration> update(UUID id, String name, String service, boolean enabled,
            Boolean acknowledgeIncidents, String externalRef) {
        return pool.preparedQuery("UPDATE integration SET name = $2, service = $3, enabled = $4, "
                + "acknowledge_incidents = coalesce($5, acknowledge_incidents), updated_at = now(), "
                + "external_ref = CASE WHEN $6::text IS NULL THEN external_ref ELSE NULLIF($6::text, '') END "
                + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(id, name, service, enabled, acknowledgeIncidents,
                        externalRef)))
                .map(IntegrationRepository::first);
    }

    public Uni<Integration> rotateKey(UUID id, String newKey) {
        return pool.preparedQuery("UPDATE integration SET integration_key = $2, updated_at = now() WHERE id = $1 "
                + "RETURNING " + COLUMNS).execute(Tuple.of(id, newKey)).map(IntegrationRepository::first);
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM integration WHERE id = $1").execute(Tuple.of(id))
                .map(r -> r.rowCount() == 1);
    }

    private static Integration first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static Integration map(Row r) {
        String secret = r.getString("secret");
        return new Integration(r.getUUID("id"), r.getString("name"), SourceType.valueOf(r.getString("source_type")),
                r.getString("service"), r.getString("integration_key"), secret == null || secret.isEmpty() ? null
                        : secret,
                r.getBoolean("enabled"), r.getBoolean("acknowledge_incidents"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("external_ref"));
    }
}
