package dev.klaxon.escalation.incident.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.IncidentStatus;
import dev.klaxon.escalation.incident.ResponseTimes;
import dev.klaxon.escalation.incident.TimelineEntry;
import dev.klaxon.events.Severity;

class PostmortemDraftTest {

    static final Instant START = Instant.parse("2026-11-24T10:15:00Z");

    @Test
    void theRunbookTemplateIsFilledWithWhatKlaxonKnows() {
        UUID id = UUID.randomUUID();
        Incident i = new Incident(id, 42, "k", "Files API down", null, Severity.P1, "files",
                IncidentStatus.RESOLVED, null, 0, 0, 3, List.of(), START, START.plusSeconds(4 * 60), "olivia",
                START.plusSeconds(23 * 60), "source", null, null, 0,
                ResponseTimes.targets(Severity.P1.acknowledgeWithin(), Severity.P1.resolveWithin()), null);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(1, id, START, TimelineEntry.Type.TRIGGERED, "triage", "source", null,
                        "Triggered: Files API down (P1)", Map.of()),
                new TimelineEntry(2, id, START.plusSeconds(240), TimelineEntry.Type.ACKNOWLEDGED, "olivia", "slack",
                        null, "Acknowledged by olivia via slack | escalation stopped", Map.of()));
        String md = PostmortemDraft.markdown(i, timeline, START.plusSeconds(3600));
        assertTrue(md.startsWith("""
                # Post-Mortem: Files API down

                **Date:** 2026-11-24 \s
                **Severity:** P1 \s
                **Duration:** 23 minutes \s
                """), md);
        assertTrue(md.contains("| 10:15 | TRIGGERED: Triggered: Files API down (P1) |"), md);
        assertTrue(md.contains("| 10:19 | ACKNOWLEDGED: Acknowledged by olivia via slack \\| escalation stopped |"),
                md);
        assertTrue(md.contains("acknowledged by olivia after 4 minutes and resolved by source after 23 minutes"), md);
        assertEquals("2 h 5 min", PostmortemDraft.duration(START, START.plusSeconds(125 * 60)));
    }
}
