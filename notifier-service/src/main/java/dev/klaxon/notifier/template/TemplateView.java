package dev.klaxon.notifier.template;

import java.time.Instant;

/** A notification template: the shipped source, an operator's override if any, and which one is in use. */
public record TemplateView(String name, String shipped, String override, String updatedBy, Instant updatedAt,
        boolean overridden) {
}
