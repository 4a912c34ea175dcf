package dev.klaxon.escalation.schedule.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The hashes of the calendar feed tokens of schedules and users: at most one live token each. */
@ApplicationScoped
public class FeedTokenRepository {

    /** Whose feed a token opens; each kind has its own table, so deleting the owner deletes its token. */
    public enum Owner {
        SCHEDULE("schedule_feed_token", "schedule_id"), USER("user_feed_token", "user_id");

        final String table;
        final String column;

        Owner(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    private final Pool pool;

    public FeedTokenRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the hash of a new token in place of any earlier one. */
    public Uni<Void> replace(Owner owner, UUID id, String sha256, Instant at, String by) {
        return pool.preparedQuery("INSERT INTO " + owner.table + " (" + owner.column + ", token_sha256, created_at, "
                + "created_by) VALUES ($1,$2,$3,$4) ON CONFLICT (" + owner.column + ") DO UPDATE SET "
                + "token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at, "
                + "created_by = EXCLUDED.created_by")
                .execute(Tuple.of(id, sha256, at.atOffset(ZoneOffset.UTC), by)).replaceWithVoid();
    }

    /** The hash of the owner's live token, or null when it has none. */
    public Uni<String> find(Owner owner, UUID id) {
        return pool.preparedQuery("SELECT token_sha256 FROM " + owner.table + " WHERE " + owner.column + " = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("token_sha256"));
    }

    public Uni<Boolean> delete(Owner owner, UUID id) {
        return pool.preparedQuery("DELETE FROM " + owner.table + " WHERE " + owner.column + " = $1")
                .execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
    }
}
