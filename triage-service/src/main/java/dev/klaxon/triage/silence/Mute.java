package dev.klaxon.triage.silence;

import java.util.UUID;

/** Why an alert was muted: the silence or maintenance window that applied, in words for the alert log. */
public record Mute(String kind, UUID id, String reason) {

    /** What the alert log records, such as {@code silence 1b2c…}. */
    public String mutedBy() {
        return kind + " " + id;
    }
}
