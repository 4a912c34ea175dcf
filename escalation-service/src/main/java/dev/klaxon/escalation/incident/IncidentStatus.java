package dev.klaxon.escalation.incident;

/** Where an incident stands. */
public enum IncidentStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED
}
