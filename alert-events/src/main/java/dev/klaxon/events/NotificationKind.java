package dev.klaxon.events;

/** Why a notification is sent; selects the runbook template. */
public enum NotificationKind {
    TRIGGERED, ESCALATED, ACKNOWLEDGED, UPDATE, RESOLVED
}
