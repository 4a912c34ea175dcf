package dev.klaxon.notifier.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;

/** A sample incident's notifications, to validate and preview templates with. */
final class Samples {

    static final Instant STARTED = Instant.parse("2026-11-24T09:00:00Z");

    private Samples() {
    }

    static NotificationRequested request(NotificationKind kind) {
        boolean resolved = kind == NotificationKind.RESOLVED;
        boolean acked = kind == NotificationKind.ACKNOWLEDGED;
        IncidentSummary i = new IncidentSummary(UUID.fromString("00000000-0000-4000-8000-000000000042"), 42,
                "Database unreachable", "Primary database refuses connections", Severity.P1, "checkout",
                resolved ? "RESOLVED" : acked ? "ACKNOWLEDGED" : "TRIGGERED", STARTED,
                acked || resolved ? STARTED.plusSeconds(240) : null, acked || resolved ? "Ana Responder" : null,
                resolved ? STARTED.plusSeconds(2700) : null, kind == NotificationKind.ESCALATED ? 1 : 0,
                List.of(new Link("dashboard", "https://grafana.example/d/db", "Dashboard")));
        return new NotificationRequested(UUID.fromString("00000000-0000-4000-8000-000000000043"), kind, i, "user-1",
                "Olivia On-call", List.of(new ContactMethod(ContactType.EMAIL, "oncall@example.com", 0)),
                resolved ? STARTED.plusSeconds(2700) : STARTED.plusSeconds(60));
    }
}
