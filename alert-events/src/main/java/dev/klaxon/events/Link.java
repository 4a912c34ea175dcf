package dev.klaxon.events;

/** A link an alert or incident carries (dashboard, panel, silence, runbook, image, source). */
public record Link(String rel, String href, String text) {
}
