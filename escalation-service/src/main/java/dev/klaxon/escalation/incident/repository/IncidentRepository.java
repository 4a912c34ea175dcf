package dev.klaxon.escalation.incident.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.ResponseTimes;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.Link;
import dev.klaxon.events.Severity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Incidents in PostgreSQL; every method runs on the caller's connection so it joins the caller's transaction. */
@ApplicationScoped
public class IncidentRepository {

    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };

    /**
     * Filters of the incident list; null means any.
     *
     * @param breached true: a response target was breached (acknowledge or resolve); false: none was (yet)
     */
    public record Filter(IncidentStatus status, Severity severity, String service, String assignee, Instant from,
            Instant to, Boolean breached, int limit, int offset) {
    }

    /** Opens an incident unless one is already open for its key; empty when one was. */
    public Uni<Incident> insertIfNoneOpen(SqlClient tx, Incident i) {
        return tx.preparedQuery("INSERT INTO incident (id, incident_key, title, description, severity, service, "
                + "status, policy_id, step, cycle, alert_count, links, created_at, resolve_deadline_at, "
                + "acknowledge_target_seconds, resolve_target_seconds) "
                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) "
                + "ON CONFLICT (incident_key) WHERE status <> 'RESOLVED' DO NOTHING RETURNING *")
                .execute(Tuple.from(new Object[] { i.id(), i.incidentKey(), i.title(), i.description(),
                        i.severity().name(), i.service(), i.status().name(), i.policyId(), i.step(), i.cycle(),
                        i.alertCount(), new JsonArray(EventJson.write(i.links())), utc(i.createdAt()),
                        utc(i.resolveDeadlineAt()), i.response().acknowledgeTargetSeconds(),
                        i.response().resolveTargetSeconds() }))
                .map(IncidentRepository::first);
    }

    /** The open incident for a key, locked for this transaction. */
    public Uni<Incident> lockOpenByKey(SqlClient tx, String key) {
        return tx.preparedQuery("SELECT * FROM incident WHERE incident_key = $1 AND status <> 'RESOLVED' FOR UPDATE")
                .execute(Tuple.of(key)).map(IncidentRepository::first);
    }

    /** An incident, locked for this transaction. */
    public Uni<Incident> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT * FROM incident WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(IncidentRepository::first);
    }

    public Uni<Incident> lockByNumber(SqlClient tx, long number) {
        return tx.preparedQuery("SELECT * FROM incident WHERE number = $1 FOR UPDATE").execute(Tuple.of(number))
                .map(IncidentRepository::first);
    }

    public Uni<Incident> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM incident WHERE id = $1").execute(Tuple.of(id))
                .map(IncidentRepository::first);
    }

    /** Writes every mutable field of the incident. */
    public Uni<Incident> update(SqlClient tx, Incident i) {
        ResponseTimes r = i.response();
        return tx.preparedQuery("UPDATE incident SET title=$2, description=$3, severity=$4, status=$5, policy_id=$6, "
                + "step=$7, cycle=$8, alert_count=$9, links=$10, acknowledged_at=$11, acknowledged_by=$12, "
                + "resolved_at=$13, resolved_by=$14, ack_deadline_at=$15, resolve_deadline_at=$16, reassign_count=$17, "
                + "acknowledge_target_seconds=$18, acknowledged_after_seconds=$19, acknowledge_breached=$20, "
                + "resolve_target_seconds=$21, resolved_after_seconds=$22, resolve_breached=$23, exhausted_at=$24 "
                + "WHERE id=$1 "
                + "RETURNING *")
                .execute(Tuple.from(new Object[] { i.id(), i.title(), i.description(), i.severity().name(),
                        i.status().name(), i.policyId(), i.step(), i.cycle(), i.alertCount(),
                        new JsonArray(EventJson.write(i.links())), utc(i.acknowledgedAt()), i.acknowledgedBy(),
                        utc(i.resolvedAt()), i.resolvedBy(), utc(i.ackDeadlineAt()), utc(i.resolveDeadlineAt()),
                        i.reassignCount(), r.acknowledgeTargetSeconds(), r.acknowledgedAfterSeconds(),
                        r.acknowledgeBreached(), r.resolveTargetSeconds(), r.resolvedAfterSeconds(),
                        r.resolveBreached(), utc(i.exhaustedAt()) }))
                .map(IncidentRepository::first);
    }

    /**
     * Ids of incidents whose acknowledge or resolve timer is due, locked with SKIP LOCKED so that replicas (and an
     * overlapping pass) never take the same incident twice.
     */
    public Uni<List<UUID>> lockDue(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("SELECT id FROM incident WHERE status <> 'RESOLVED' AND "
                + "((status = 'TRIGGERED' AND ack_deadline_at <= $1) OR resolve_deadline_at <= $1) "
                + "ORDER BY LEAST(ack_deadline_at, resolve_deadline_at) LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids;
                });
    }

    /** The earliest acknowledge or resolve deadline of an open incident, or null when none is armed. */
    public Uni<Instant> nextDeadline(SqlClient client) {
        return client.query("SELECT LEAST((SELECT min(ack_deadline_at) FROM incident WHERE status = 'TRIGGERED'), "
                + "(SELECT min(resolve_deadline_at) FROM incident WHERE status <> 'RESOLVED')) AS due").execute()
                .map(rows -> {
                    OffsetDateTime due = rows.iterator().next().getOffsetDateTime("due");
                    return due == null ? null : due.toInstant();
                });
    }

    public Uni<List<Incident>> list(SqlClient client, Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (f.status() != null) {
            args.add(f.status().name());
            where.append(" AND status = $").append(args.size());
        }
        if (f.severity() != null) {
            args.add(f.severity().name());
            where.append(" AND severity = $").append(args.size());
        }
        if (f.service() != null) {
            args.add(f.service());
            where.append(" AND service = $").append(args.size());
        }
        if (f.assignee() != null) {
            args.add(f.assignee());
            where.append(" AND EXISTS (SELECT 1 FROM incident_timeline t WHERE t.incident_id = incident.id AND "
                    + "t.type = 'NOTIFIED' AND t.user_id::text = $").append(args.size()).append(")");
        }
        if (f.from() != null) {
            args.add(utc(f.from()));
            where.append(" AND created_at >= $").append(args.size());
        }
        if (f.to() != null) {
            args.add(utc(f.to()));
            where.append(" AND created_at < $").append(args.size());
        }
        if (f.breached() != null) {
            where.append(f.breached() ? " AND (acknowledge_breached OR resolve_breached)"
                    : " AND acknowledge_breached IS NOT TRUE AND resolve_breached IS NOT TRUE");
        }
        args.add(f.limit());
        args.add(f.offset());
        return client.preparedQuery("SELECT * FROM incident" + where + " ORDER BY created_at DESC, number DESC LIMIT $"
                + (args.size() - 1) + " OFFSET $" + args.size()).execute(Tuple.from(args))
                .map(rows -> {
                    List<Incident> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    private static Incident first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    static Incident map(Row r) {
        List<Link> links;
        try {
            links = EventJson.mapper().readValue(r.getJsonArray("links").encode(), LINKS);
        } catch (JsonProcessingException e) {
            links = List.of();
        }
        return new Incident(r.getUUID("id"), r.getLong("number"), r.getString("incident_key"), r.getString("title"),
                r.getString("description"), Severity.valueOf(r.getString("severity")), r.getString("service"),
                IncidentStatus.valueOf(r.getString("status")), r.getUUID("policy_id"), r.getInteger("step"),
                r.getInteger("cycle"), r.getInteger("alert_count"), links, instant(r, "created_at"),
                instant(r, "acknowledged_at"), r.getString("acknowledged_by"), instant(r, "resolved_at"),
                r.getString("resolved_by"), instant(r, "ack_deadline_at"), instant(r, "resolve_deadline_at"),
                r.getInteger("reassign_count"), new ResponseTimes(r.getLong("acknowledge_target_seconds"),
                        r.getLong("acknowledged_after_seconds"), r.getBoolean("acknowledge_breached"),
                        r.getLong("resolve_target_seconds"), r.getLong("resolved_after_seconds"),
                        r.getBoolean("resolve_breached")), instant(r, "exhausted_at"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
