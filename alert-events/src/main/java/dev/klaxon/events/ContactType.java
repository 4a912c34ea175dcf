package dev.klaxon.events;

/** The ways Klaxon reaches a person or a channel. */
public enum ContactType {
    SLACK, EMAIL, SMS, WEBHOOK
}
