package dev.klaxon.escalation.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Participants taking turns: each holds a shift of {@code shiftLength} hours, days or weeks; the first shift starts
 * at {@code start}, a local date-time in the schedule's zone, so hand-offs keep their wall-clock time across DST.
 *
 * @param layer precedence: while a rotation of a higher layer has someone on call, lower layers have nobody on call
 *            (rotations of one layer are on call together); 0 unless set
 * @param restrictions when set, the participant is on call only inside these windows (the rotation's active hours);
 *            hand-offs still follow the shifts
 * @param activeFrom when set, nobody is on call from this rotation before this instant
 * @param activeUntil when set, nobody is on call from this rotation from this instant on
 */
public record Rotation(UUID id, String name, Type type, int shiftLength, LocalDateTime start,
        List<UUID> participants, int layer, List<Restriction> restrictions, Instant activeFrom, Instant activeUntil) {

    /** The unit of a shift. */
    public enum Type {
        HOURLY, DAILY, WEEKLY
    }

    public Rotation {
        participants = List.copyOf(participants);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }

    /** An unrestricted rotation of layer 0, on call from its first hand-off on. */
    public Rotation(UUID id, String name, Type type, int shiftLength, LocalDateTime start, List<UUID> participants) {
        this(id, name, type, shiftLength, start, participants, 0, List.of(), null, null);
    }

    /** Whether the rotation's active period (not its restrictions) includes the instant. */
    public boolean activeAt(Instant at) {
        return (activeFrom == null || !at.isBefore(activeFrom)) && (activeUntil == null || at.isBefore(activeUntil));
    }
}
