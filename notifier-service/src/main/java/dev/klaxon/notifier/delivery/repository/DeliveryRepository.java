package dev.klaxon.notifier.delivery.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.ContactType;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The delivery log in PostgreSQL. */
@ApplicationScoped
public class DeliveryRepository {

    /** Filters of the delivery log; null means any. */
    public record Filter(UUID incidentId, String recipientId, ContactType channel, Delivery.Status status, int limit,
            int offset) {
    }

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records deliveries; one already recorded for the same notification, channel and address is kept as is. */
    public Uni<Integer> insertNew(SqlClient tx, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (Delivery d : deliveries) {
            rows.add(Tuple.from(new Object[] { d.id(), d.notificationId(), d.incidentId(), d.incidentNumber(),
                    d.kind(), d.recipientId(), d.recipientName(), d.channel().name(), d.address(),
                    d.status().name(), utc(d.dueAt()), d.subject(), d.body(), new JsonObject(d.payload()) }));
        }
        return tx.preparedQuery("INSERT INTO delivery (id, notification_id, incident_id, incident_number, kind, "
                + "recipient_id, recipient_name, channel, address, status, due_at, subject, body, payload) "
                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) "
                + "ON CONFLICT (notification_id, channel, address) DO NOTHING")
                .executeBatch(rows).map(r -> {
                    int n = 0;
                    for (RowSet<Row> s = r; s != null; s = s.next()) {
                        n += s.rowCount();
                    }
                    return n;
                });
    }

    /**
     * Claims due deliveries for sending: PENDING → SENDING, taken with SKIP LOCKED so that replicas never send the
     * same one; the claim commits before the provider is called.
     */
    public Uni<List<Delivery>> claimDue(Instant now, int limit) {
        return pool.preparedQuery("UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, updated_at = $1 "
                + "WHERE id IN (SELECT id FROM delivery WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING *").execute(Tuple.of(utc(now), limit))
                .map(DeliveryRepository::all);
    }

    public Uni<Void> delivered(SqlClient tx, UUID id, String providerMessageId, Instant at) {
        return tx.preparedQuery("UPDATE delivery SET status = 'DELIVERED', provider_message_id = $2, last_error = NULL, "
                + "updated_at = $3 WHERE id = $1").execute(Tuple.of(id, providerMessageId, utc(at))).replaceWithVoid();
    }

    public Uni<Void> retryAt(SqlClient tx, UUID id, String error, Instant dueAt, Instant at) {
        return tx.preparedQuery("UPDATE delivery SET status = 'PENDING', last_error = $2, due_at = $3, updated_at = $4 "
                + "WHERE id = $1").execute(Tuple.of(id, error, utc(dueAt), utc(at))).replaceWithVoid();
    }

    public Uni<Void> failed(SqlClient tx, UUID id, String error, Instant at) {
        return tx.preparedQuery("UPDATE delivery SET status = 'FAILED', last_error = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, error, utc(at))).replaceWithVoid();
    }

    /** Deliveries whose sender stopped between claim and outcome, locked for the caller to settle. */
    public Uni<List<Delivery>> lockInterrupted(SqlClient tx, Instant claimedBefore, int limit) {
        return tx.preparedQuery("SELECT * FROM delivery WHERE status = 'SENDING' AND updated_at < $1 ORDER BY "
                + "updated_at LIMIT $2 FOR UPDATE SKIP LOCKED").execute(Tuple.of(utc(claimedBefore), limit))
                .map(DeliveryRepository::all);
    }

    public Uni<Delivery> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM delivery WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<List<Delivery>> list(Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (f.incidentId() != null) {
            args.add(f.incidentId());
            where.append(" AND incident_id = $").append(args.size());
        }
        if (f.recipientId() != null) {
            args.add(f.recipientId());
            where.append(" AND recipient_id = $").append(args.size());
        }
        if (f.channel() != null) {
            args.add(f.channel().name());
            where.append(" AND channel = $").append(args.size());
        }
        if (f.status() != null) {
            args.add(f.status().name());
            where.append(" AND status = $").append(args.size());
        }
        args.add(f.limit());
        args.add(f.offset());
        return pool.preparedQuery("SELECT * FROM delivery" + where + " ORDER BY created_at DESC, channel LIMIT $"
                + (args.size() - 1) + " OFFSET $" + args.size()).execute(Tuple.from(args))
                .map(DeliveryRepository::all);
    }

    private static List<Delivery> all(RowSet<Row> rows) {
        List<Delivery> out = new ArrayList<>();
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Delivery map(Row r) {
        return new Delivery(r.getUUID("id"), r.getUUID("notification_id"), r.getUUID("incident_id"),
                r.getLong("incident_number"), r.getString("kind"), r.getString("recipient_id"),
                r.getString("recipient_name"), ContactType.valueOf(r.getString("channel")), r.getString("address"),
                Delivery.Status.valueOf(r.getString("status")), instant(r.getOffsetDateTime("due_at")),
                r.getInteger("attempts"), r.getString("provider_message_id"), r.getString("last_error"),
                r.getString("subject"), r.getString("body"), r.getJsonObject("payload").encode(),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
