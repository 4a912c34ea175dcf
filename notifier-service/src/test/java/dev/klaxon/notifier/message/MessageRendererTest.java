package dev.klaxon.notifier.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;

class MessageRendererTest {

    static final Instant START = Instant.parse("2026-11-24T09:00:00Z");

    static NotificationRequested n(NotificationKind kind, String title, Instant resolvedAt) {
        IncidentSummary i = new IncidentSummary(UUID.randomUUID(), 42, title, null, Severity.P1, "checkout",
                kind == NotificationKind.RESOLVED ? "RESOLVED" : "TRIGGERED", START, null, null, resolvedAt, 1,
                List.of());
        return new NotificationRequested(UUID.randomUUID(), kind, i, "u", "Olivia", List.of(), START.plusSeconds(60));
    }

    @Test
    void aPageFollowsTheRunbookIncidentTemplate() {
        String text = MessageRenderer.text(n(NotificationKind.TRIGGERED, "Database unreachable", null));
        assertEquals("""
                INCIDENT: Database unreachable
                SEVERITY: P1 (critical)
                STATUS: Investigating
                SERVICE: checkout
                IMPACT: Being assessed
                STARTED: 2026-11-24 09:00 UTC
                NEXT UPDATE: 2026-11-24 09:15 UTC
                REFERENCE: INC-42
                """, text);
        assertEquals("[P1] INC-42 Database unreachable", MessageRenderer.subject(n(NotificationKind.TRIGGERED,
                "Database unreachable", null)));
    }

    @Test
    void resolutionStatesTheDuration() {
        NotificationRequested r = n(NotificationKind.RESOLVED, "Database unreachable", START.plusSeconds(23 * 60));
        assertTrue(MessageRenderer.text(r).startsWith("RESOLVED: Database unreachable\n"
                + "DURATION: 2026-11-24 09:00 UTC - 2026-11-24 09:23 UTC (23 minutes)\n"), MessageRenderer.text(r));
        assertEquals("[RESOLVED] INC-42 Database unreachable", MessageRenderer.subject(r));
        assertEquals("RESOLVED INC-42 Database unreachable resolved after 23 minutes", MessageRenderer.sms(r));
    }

    @Test
    void smsFitsOneSegmentAndCarriesTheReplyCodes() {
        String sms = MessageRenderer.sms(n(NotificationKind.TRIGGERED, "x".repeat(300), null));
        assertTrue(sms.length() <= 160, sms.length() + ": " + sms);
        assertTrue(sms.endsWith("Reply 42A to ack, 42C to close"), sms);
        assertTrue(MessageRenderer.sms(n(NotificationKind.ESCALATED, "Down", null)).startsWith("[P1] ESCALATED INC-42"));
    }
}
