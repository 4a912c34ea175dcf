package dev.klaxon.notifier.channel.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.Severity;
import dev.klaxon.notifier.channel.ChannelRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Channel routes in PostgreSQL. */
@ApplicationScoped
public class ChannelRepository {

    private final Pool pool;

    public ChannelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ChannelRoute>> list() {
        return pool.query("SELECT * FROM channel_route ORDER BY name").execute().map(ChannelRepository::all);
    }

    public Uni<ChannelRoute> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM channel_route WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> all(rows).stream().findFirst().orElse(null));
    }

    public Uni<Void> insert(ChannelRoute r) {
        return pool.preparedQuery("INSERT INTO channel_route (id, name, contact_type, address, severities, services, "
                + "events, enabled) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)").execute(tuple(r)).replaceWithVoid();
    }

    public Uni<Boolean> update(ChannelRoute r) {
        return pool.preparedQuery("UPDATE channel_route SET name=$2, contact_type=$3, address=$4, severities=$5, "
                + "services=$6, events=$7, enabled=$8, updated_at=now() WHERE id=$1").execute(tuple(r))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM channel_route WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Tuple tuple(ChannelRoute r) {
        return Tuple.from(new Object[] { r.id(), r.name(), r.contactType().name(), r.address(),
                r.severities().stream().map(Enum::name).toArray(String[]::new), r.services().toArray(String[]::new),
                r.events().stream().map(Enum::name).toArray(String[]::new), r.enabled() });
    }

    private static List<ChannelRoute> all(RowSet<Row> rows) {
        List<ChannelRoute> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new ChannelRoute(r.getUUID("id"), r.getString("name"),
                    ContactType.valueOf(r.getString("contact_type")), r.getString("address"),
                    Arrays.stream(r.getArrayOfStrings("severities")).map(Severity::valueOf).toList(),
                    List.of(r.getArrayOfStrings("services")),
                    Arrays.stream(r.getArrayOfStrings("events")).map(IncidentLifecycle.Type::valueOf).toList(),
                    r.getBoolean("enabled"), r.getOffsetDateTime("created_at").toInstant(),
                    r.getOffsetDateTime("updated_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant()));
        }
        return out;
    }
}
