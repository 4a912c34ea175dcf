package dev.klaxon.escalation.team;

import java.util.List;
import java.util.UUID;

/**
 * People paged together: an escalation step that targets a team pages every member, in the order listed.
 *
 * @param members user ids, in order
 * @param externalRef where the team came from, when imported; unique
 */
public record Team(UUID id, String name, String description, List<UUID> members, String externalRef) {

    public Team {
        members = List.copyOf(members);
    }
}
