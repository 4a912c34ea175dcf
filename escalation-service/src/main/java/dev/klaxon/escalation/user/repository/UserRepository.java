package dev.klaxon.escalation.user.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.klaxon.escalation.user.NotificationRule;
import dev.klaxon.escalation.user.User;
import dev.klaxon.events.ContactType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** People in PostgreSQL. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, name, email, phone, slack_user_id, time_zone, role, webhook_url, "
            + "notification_rules, external_ref";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<User> insert(User u) {
        return pool.preparedQuery("INSERT INTO app_user (" + COLUMNS + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,"
                + "NULLIF($10, '')) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { u.id(), u.name(), u.email(), u.phone(), u.slackUserId(),
                        u.timeZone(), u.role(), u.webhookUrl(), rules(u), u.externalRef() }))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Replaces the person; a null {@code externalRef} keeps the stored one and an empty one clears it. */
    public Uni<User> update(User u) {
        return pool.preparedQuery("UPDATE app_user SET name=$2, email=$3, phone=$4, slack_user_id=$5, time_zone=$6, "
                + "role=$7, webhook_url=$8, notification_rules=$9, external_ref = "
                + "CASE WHEN $10::text IS NULL THEN external_ref ELSE NULLIF($10::text, '') END WHERE id=$1 "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { u.id(), u.name(), u.email(), u.phone(), u.slackUserId(),
                        u.timeZone(), u.role(), u.webhookUrl(), rules(u), u.externalRef() }))
                .map(rows -> rows.size() == 1 ? map(rows.iterator().next()) : null);
    }

    public Uni<List<User>> list() {
        return list(null);
    }

    /** Everyone, or only the person imported with this external reference. */
    public Uni<List<User>> list(String externalRef) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE $1::text IS NULL OR external_ref = $1 "
                + "ORDER BY name, id").execute(Tuple.of(externalRef))
                .map(rows -> rows.stream().map(UserRepository::map).toList());
    }

    public Uni<User> find(UUID id) {
        return findAll(pool, List.of(id)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<List<User>> findAll(SqlClient client, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> rows.stream().map(UserRepository::map).toList());
    }

    /**
     * The person who has this address as a contact method of this type (their Slack user id, phone, email or webhook),
     * or null: how a reply channel's answer is put in a person's name.
     */
    public Uni<User> findByContact(SqlClient client, ContactType type, String address) {
        String column = switch (type) {
            case SLACK -> "slack_user_id = $1";
            case SMS -> "phone = $1";
            case EMAIL -> "lower(email) = lower($1)";
            case WEBHOOK -> "webhook_url = $1";
        };
        return client.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE " + column + " ORDER BY name, id "
                + "LIMIT 1").execute(Tuple.of(address))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM app_user WHERE id = $1").execute(Tuple.of(id))
                .map(r -> r.rowCount() == 1);
    }

    private static User map(Row r) {
        List<NotificationRule> rules = new ArrayList<>();
        Object json = r.getValue("notification_rules");
        if (json instanceof JsonArray array) {
            for (Object o : array) {
                JsonObject rule = (JsonObject) o;
                rules.add(new NotificationRule(ContactType.valueOf(rule.getString("contactType")),
                        rule.getInteger("delayMinutes", 0)));
            }
        }
        return new User(r.getUUID("id"), r.getString("name"), r.getString("email"), r.getString("phone"),
                r.getString("slack_user_id"), r.getString("time_zone"), r.getString("role"),
                r.getString("webhook_url"), rules, r.getString("external_ref"));
    }

    private static JsonArray rules(User u) {
        if (u.notificationRules().isEmpty()) {
            return null;
        }
        JsonArray array = new JsonArray();
        u.notificationRules().forEach(rule -> array.add(new JsonObject().put("contactType", rule.contactType().name())
                .put("delayMinutes", rule.delayMinutes())));
        return array;
    }
}
