package dev.klaxon.notifier.delivery.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
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

    /** Filters of the delivery log; a null field matches anything. */
    public record Filter(UUID incidentId, String recipientId, ContactType contactType, Delivery.Status status,
            int limit, int offset) {
    }

    /** Who holds the deliveries being claimed, and until when unless renewed. */
    public record Lease(String owner, Instant until) {
    }

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records new deliveries, as they are (PENDING, or already claimed as SENDING); one already recorded for the same
     * notification, contact type and address is left as it is, so a request consumed twice adds nothing. Answers
     * the ids of the rows that are new. Rows written as SENDING are held under the lease.
     */
    public Uni<Set<UUID>> insertNew(SqlClient client, List<Delivery> deliveries, Lease lease) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Tuple> rows = new ArrayList<>();
        for (Delivery d : deliveries) {
            rows.add(Tuple.from(new Object[] { d.id(), d.notificationId(), d.incidentId(), d.incidentNumber(),
                    d.kind().name(), d.recipientId(), d.recipientName(), d.contactType().name(), d.address(),
                    d.status().name(), utc(d.dueAt()), d.subject(), d.body(),
                    EventJson.write(d.request()), utc(d.createdAt()), d.attempts(), utc(d.attemptAt()),
                    d.status() == Delivery.Status.SENDING ? lease.owner() : null,
                    d.status() == Delivery.Status.SENDING ? utc(lease.until()) : null }));
        }
        return client.preparedQuery("INSERT INTO delivery (id, notification_id, incident_id, incident_number, kind, "
                + "recipient_id, recipient_name, contact_type, address, status, due_at, subject, body, request, "
                + "created_at, updated_at, attempts, attempt_at, lease_owner, lease_until) VALUES ($1, $2, $3, $4, "
                + "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb, $15, $15, $16, $17, $18, $19) "
                + "ON CONFLICT (notification_id, contact_type, address) DO NOTHING RETURNING id")
                .executeBatch(rows)
                .map(result -> {
                    Set<UUID> inserted = new HashSet<>();
                    for (RowSet<Row> r = result; r != null; r = r.next()) {
                        r.forEach(row -> inserted.add(row.getUUID("id")));
                    }
                    return inserted;
                });
    }

    /**
     * Claims due deliveries for sending: PENDING → SENDING with one more attempt, taken with SKIP LOCKED so
     * replicas never claim the same row, held under the lease. The claim commits on its own, before any provider is
     * called.
     */
    public Uni<List<Delivery>> claimDue(Instant now, int limit, Lease lease) {
        return pool.preparedQuery("UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, updated_at = $1, "
                + "attempt_at = $1, lease_owner = $3, lease_until = $4 "
                + "WHERE id IN (SELECT id FROM delivery WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING *")
                .execute(Tuple.of(utc(now), limit, lease.owner(), utc(lease.until())))
                .map(DeliveryRepository::all);
    }

    /** Extends the lease of the deliveries this owner is sending; answers how many it still held. */
    public Uni<Integer> renewLeases(java.util.Collection<UUID> ids, Lease lease) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("UPDATE delivery SET lease_until = $3 WHERE id = ANY($1) AND status = 'SENDING' "
                + "AND lease_owner = $2")
                .execute(Tuple.of(ids.toArray(UUID[]::new), lease.owner(), utc(lease.until())))
                .map(r -> r.rowCount());
    }

    /**
     * Takes over deliveries whose sender is gone: SENDING with a lapsed lease, or held by an earlier incarnation of
     * this replica (whose process is gone, since this one has its name), and whose attempt began before the given
     * time (so a request still on its way at the crash has landed before the provider is asked). They are held under
     * the new lease from here; SKIP LOCKED, so replicas never take the same row.
     */
    public Uni<List<Delivery>> takeOver(Lease lease, String ownerPrefix, Instant now, Instant attemptedBefore,
            int limit) {
        return pool.preparedQuery("UPDATE delivery SET lease_owner = $1, lease_until = $2 WHERE id IN ("
                + "SELECT id FROM delivery WHERE status = 'SENDING' AND coalesce(attempt_at, updated_at) < $5 "
                + "AND (coalesce(lease_until, updated_at) < $3 OR (starts_with(lease_owner, $4) AND lease_owner <> $1)) "
                + "ORDER BY coalesce(attempt_at, updated_at) LIMIT $6 FOR UPDATE SKIP LOCKED) RETURNING *")
                .execute(Tuple.from(new Object[] { lease.owner(), utc(lease.until()), utc(now), ownerPrefix,
                        utc(attemptedBefore), limit }))
                .map(DeliveryRepository::all);
    }

    /** Interrupted deliveries about to be sent again: one more attempt each, begun now, with why. */
    public Uni<Void> markSentAgain(List<Delivery> again, Instant now) {
        if (again.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = again.stream().map(Delivery::id).toArray(UUID[]::new);
        String[] notes = again.stream().map(Delivery::note).toArray(String[]::new);
        return pool.preparedQuery("UPDATE delivery d SET attempts = d.attempts + 1, attempt_at = $3, updated_at = $3, "
                + "note = v.note FROM unnest($1::uuid[], $2::text[]) AS v(id, note) "
                + "WHERE d.id = v.id AND d.status = 'SENDING'")
                .execute(Tuple.of(ids, notes, utc(now))).replaceWithVoid();
    }

    /**
     * A delivery the provider accepted: its message id there, the bundle it went in (null when alone), and a note
     * (null to keep the one it has).
     */
    public record Delivered(UUID id, String providerMessageId, UUID bundleId, String note) {
    }

    /**
     * SENDING → DELIVERED for many deliveries in one statement; answers the ids that were still SENDING (the
     * others were settled meanwhile and are left as they are).
     */
    public Uni<Set<UUID>> markDeliveredAll(SqlClient tx, List<Delivered> delivered, Instant now) {
        if (delivered.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = delivered.size();
        UUID[] ids = new UUID[n];
        String[] messageIds = new String[n];
        UUID[] bundles = new UUID[n];
        String[] notes = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = delivered.get(i).id();
            messageIds[i] = delivered.get(i).providerMessageId();
            bundles[i] = delivered.get(i).bundleId();
            notes[i] = delivered.get(i).note();
        }
        return tx.preparedQuery("UPDATE delivery d SET status = 'DELIVERED', provider_message_id = v.message_id, "
                + "last_error = NULL, updated_at = $4, sent_at = $4, bundle_id = v.bundle_id, "
                + "note = coalesce(v.note, d.note) "
                + "FROM unnest($1::uuid[], $2::text[], $3::uuid[], $5::text[]) AS v(id, message_id, bundle_id, note) "
                + "WHERE d.id = v.id AND d.status = 'SENDING' RETURNING d.id")
                .execute(Tuple.of(ids, messageIds, bundles, utc(now), notes))
                .map(rows -> {
                    Set<UUID> mine = new HashSet<>();
                    rows.forEach(r -> mine.add(r.getUUID("id")));
                    return mine;
                });
    }

    /** SENDING → PENDING until a later time, giving back the attempt the claim counted: it was not tried. */
    public Uni<Boolean> markDeferred(SqlClient tx, UUID id, String reason, Instant dueAt, Instant now) {
        return tx.preparedQuery("UPDATE delivery SET status = 'PENDING', attempts = attempts - 1, last_error = $2, "
                + "due_at = $3, updated_at = $4 WHERE id = $1 AND status = 'SENDING'")
                .execute(Tuple.of(id, reason, utc(dueAt), utc(now)))
                .map(r -> r.rowCount() == 1);
    }

    /**
     * The person's next contact method now: the pending delivery of the same notification that was due latest
     * after now is brought forward, so a failed SMS is followed by the email at once rather than after its delay.
     */
    public Uni<Boolean> bringForwardNext(SqlClient tx, UUID notificationId, Instant now) {
        return tx.preparedQuery("UPDATE delivery SET due_at = $2, updated_at = $2 WHERE id = (SELECT id FROM delivery "
                + "WHERE notification_id = $1 AND status = 'PENDING' AND due_at > $2 ORDER BY due_at LIMIT 1)")
                .execute(Tuple.of(notificationId, utc(now))).map(r -> r.rowCount() == 1);
    }

    /**
     * PENDING → CANCELLED for the pages (triggered, escalated) of an incident that were requested at or before the
     * given instant, with the reason as last error; answers the ids it cancelled. Rows being sent, settled, or
     * requested later (a page after the acknowledgement) are left alone, so running it again changes nothing. A row
     * a pass is claiming at that moment is waited for and then, no longer PENDING, not touched.
     */
    public Uni<List<UUID>> cancelPages(UUID incidentId, Instant requestedUpTo, String reason, Instant now) {
        return pool.preparedQuery("UPDATE delivery SET status = 'CANCELLED', last_error = $3, updated_at = $4 "
                + "WHERE incident_id = $1 AND status = 'PENDING' AND kind IN ('TRIGGERED', 'ESCALATED') "
                + "AND COALESCE((request->>'requestedAt')::timestamptz, created_at) <= $2 RETURNING id")
                .execute(Tuple.of(incidentId, utc(requestedUpTo), reason, utc(now)))
                .map(rows -> {
                    List<UUID> cancelled = new ArrayList<>();
                    rows.forEach(r -> cancelled.add(r.getUUID("id")));
                    return cancelled;
                });
    }

    /** When messages of a type went to an address (to every address when null) since an instant, newest first. */
    public Uni<List<Instant>> sentTimes(ContactType type, String address, Instant since, int limit) {
        return pool.preparedQuery("SELECT sent_at FROM delivery WHERE contact_type = $1 AND ($2::text IS NULL OR "
                + "address = $2) AND sent_at > $3 AND (bundle_id IS NULL OR bundle_id = id) ORDER BY sent_at DESC "
                + "LIMIT $4").execute(Tuple.of(type.name(), address, utc(since), limit))
                .map(rows -> {
                    List<Instant> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getOffsetDateTime("sent_at").toInstant()));
                    return out;
                });
    }

    /** SENDING → PENDING again, due later; false when the delivery was no longer SENDING. */
    public Uni<Boolean> markRetry(SqlClient tx, UUID id, String error, Instant dueAt, Instant now) {
        return tx.preparedQuery("UPDATE delivery SET status = 'PENDING', last_error = $2, due_at = $3, updated_at = $4 "
                + "WHERE id = $1 AND status = 'SENDING'")
                .execute(Tuple.of(id, error, utc(dueAt), utc(now)))
                .map(r -> r.rowCount() == 1);
    }

    /** SENDING → FAILED; false when the delivery was no longer SENDING. */
    public Uni<Boolean> markFailed(SqlClient tx, UUID id, String error, Instant now) {
        return tx.preparedQuery("UPDATE delivery SET status = 'FAILED', last_error = $2, updated_at = $3 "
                + "WHERE id = $1 AND status = 'SENDING'")
                .execute(Tuple.of(id, error, utc(now)))
                .map(r -> r.rowCount() == 1);
    }

    public Uni<Delivery> find(UUID id) {
        return pool.preparedQuery("SELECT * FROM delivery WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The latest delivery about an incident, for its number and title; null when none was made here. */
    public Uni<Delivery> latestAbout(UUID incidentId) {
        return pool.preparedQuery("SELECT * FROM delivery WHERE incident_id = $1 ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(incidentId)).map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The latest delivery of a contact type to an address about an incident number: proof that this person was paged. */
    public Uni<Delivery> latestTo(ContactType type, String address, long incidentNumber) {
        return pool.preparedQuery("SELECT * FROM delivery WHERE contact_type = $1 AND address = $2 "
                + "AND incident_number = $3 ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(type.name(), address, incidentNumber))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The latest page (triggered or escalated) delivered to a Slack conversation about an incident; null if none. */
    public Uni<Delivery> latestSlackPage(UUID incidentId, String address) {
        return pool.preparedQuery("SELECT * FROM delivery WHERE incident_id = $1 AND contact_type = 'SLACK' "
                + "AND address = $2 AND status = 'DELIVERED' AND kind IN ('TRIGGERED', 'ESCALATED') "
                + "AND provider_message_id IS NOT NULL ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(incidentId, address))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The log, newest first. */
    public Uni<List<Delivery>> list(Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM delivery WHERE TRUE");
        if (f.incidentId() != null) {
            args.add(f.incidentId());
            sql.append(" AND incident_id = $").append(args.size());
        }
        if (f.recipientId() != null) {
            args.add(f.recipientId());
            sql.append(" AND recipient_id = $").append(args.size());
        }
        if (f.contactType() != null) {
            args.add(f.contactType().name());
            sql.append(" AND contact_type = $").append(args.size());
        }
        if (f.status() != null) {
            args.add(f.status().name());
            sql.append(" AND status = $").append(args.size());
        }
        args.add(f.limit());
        sql.append(" ORDER BY created_at DESC, id LIMIT $").append(args.size());
        args.add(f.offset());
        sql.append(" OFFSET $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(DeliveryRepository::all);
    }

    private static List<Delivery> all(RowSet<Row> rows) {
        List<Delivery> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Delivery map(Row r) {
        NotificationRequested request = request(r.getJsonObject("request"));
        return new Delivery(r.getUUID("id"), r.getUUID("notification_id"), r.getUUID("incident_id"),
                r.getLong("incident_number"), NotificationKind.valueOf(r.getString("kind")),
                r.getString("recipient_id"), r.getString("recipient_name"),
                ContactType.valueOf(r.getString("contact_type")), r.getString("address"),
                Delivery.Status.valueOf(r.getString("status")), instant(r.getOffsetDateTime("due_at")),
                r.getInteger("attempts"), r.getString("provider_message_id"), r.getString("last_error"),
                r.getString("subject"), r.getString("body"), request, instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("updated_at")), instant(r.getOffsetDateTime("attempt_at")),
                r.getString("note"));
    }

    private static NotificationRequested request(JsonObject json) {
        try {
            return EventJson.mapper().readValue(json.encode(), NotificationRequested.class);
        } catch (JsonProcessingException e) {
            // written by this service from a request it had read: unreadable means the schema was broken
            throw new IllegalStateException("stored notification request is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
