package dev.klaxon.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based UUIDs: the same parts always give the same id, so a re-sent event is recognised downstream. */
public final class DeterministicIds {

    private DeterministicIds() {
    }

    /** A type-3 UUID over the parts joined with '|'. */
    public static UUID of(Object... parts) {
        StringBuilder sb = new StringBuilder("klaxon");
        for (Object part : parts) {
            sb.append('|').append(part);
        }
        return UUID.nameUUIDFromBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
