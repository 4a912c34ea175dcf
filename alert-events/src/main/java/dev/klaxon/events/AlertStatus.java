package dev.klaxon.events;

/** Where a source alert stands, as its sender says. */
public enum AlertStatus {
    FIRING, RESOLVED, ACKNOWLEDGED
}
