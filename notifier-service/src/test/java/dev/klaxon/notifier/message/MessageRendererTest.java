package dev.klaxon.notifier.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.Link;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;

class MessageRendererTest {

    static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    static final MessageRenderer RENDERER = new MessageRenderer();

    static IncidentSummary incident(String title, String description, Severity severity, String status,
            String acknowledgedBy, Instant resolvedAt, int step, List<Link> links) {
        return new IncidentSummary(UUID.fromString("00000000-0000-0000-0000-000000000042"), 42, title, description,
                severity, "checkout", status, START, acknowledgedBy == null ? null : START.plusSeconds(300),
                acknowledgedBy, resolvedAt, step, links);
    }

    static NotificationRequested request(NotificationKind kind, IncidentSummary incident, Instant at) {
        return new NotificationRequested(UUID.randomUUID(), kind, incident, "u-1", "Olivia On-call", List.of(), at);
    }

    static NotificationRequested page(String title) {
        return request(NotificationKind.TRIGGERED, incident(title, null, Severity.P1, "TRIGGERED", null, null, 0,
                List.of()), START.plusSeconds(5));
    }

    @Test
    void aPageFollowsTheRunbookInitialNotification() {
        RenderedMessage m = RENDERER.render(page("Database unreachable"));
        assertEquals("""
                INCIDENT: Database unreachable
                SEVERITY: P1 (critical)
                STATUS: Investigating
                SERVICE: checkout
                IMPACT: Being assessed
                STARTED: 2026-11-24 09:00 UTC
                NEXT UPDATE: 2026-11-24 09:15 UTC
                REFERENCE: INC-42
                """, m.text());
        assertEquals("[P1] INC-42 Database unreachable", m.subject());
        assertEquals("Investigating", m.status());
    }

    @Test
    void whatADeliveryKeepsIsTheFullRenderingWithoutHtmlAndWithSmsOnlyWhenAsked() {
        NotificationRequested acknowledged = request(NotificationKind.ACKNOWLEDGED, incident("Database unreachable",
                null, Severity.P1, "ACKNOWLEDGED", "Olivia On-call", null, 0, List.of()), START.plusSeconds(300));
        RenderedMessage full = RENDERER.render(acknowledged);
        RenderedMessage plain = RENDERER.renderPlain(acknowledged, false);
        RenderedMessage withSms = RENDERER.renderPlain(acknowledged, true);
        assertEquals(new RenderedMessage(full.subject(), full.status(), full.text(), null, null), plain);
        assertEquals(new RenderedMessage(full.subject(), full.status(), full.text(), null, full.sms()), withSms);
        assertEquals("Acknowledged by Olivia On-call", MessageRenderer.status(acknowledged));
        assertEquals(full.status(), MessageRenderer.status(acknowledged));
    }

    @Test
    void impactIsTheDescriptionAndLinksFollow() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.TRIGGERED, incident("Checkout errors",
                "Error rate 12 %\non /pay", Severity.P2, "TRIGGERED", null, null, 0, List.of(
                        new Link("dashboard", "https://grafana.example/d/1", "Dashboard"),
                        new Link("runbook", "https://wiki.example/rb", null))), START));
        assertTrue(m.text().contains("SEVERITY: P2 (high)\n"), m.text());
        assertTrue(m.text().contains("IMPACT: Error rate 12 % on /pay\n"), m.text());
        assertTrue(m.text().contains("NEXT UPDATE: 2026-11-24 09:30 UTC\n"), "P2 updates every 30 min: " + m.text());
        assertTrue(m.text().endsWith("LINK: Dashboard https://grafana.example/d/1\n"
                + "LINK: runbook https://wiki.example/rb\n"), m.text());
    }

    @Test
    void anEscalationSaysSoAndKeepsTheUpdateCadence() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.ESCALATED, incident("Database unreachable",
                null, Severity.P1, "TRIGGERED", null, null, 1, List.of()), START.plusSeconds(31 * 60)));
        assertTrue(m.text().startsWith("ESCALATED to you (step 2)\nINCIDENT: Database unreachable\n"), m.text());
        assertTrue(m.text().contains("NEXT UPDATE: 2026-11-24 09:45 UTC\n"), "next 15-min slot: " + m.text());
        assertEquals("[P1] INC-42 Database unreachable", m.subject());
    }

    @Test
    void anAcknowledgementNamesWhoAcknowledged() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.ACKNOWLEDGED, incident("Database unreachable",
                null, Severity.P3, "ACKNOWLEDGED", "Olivia On-call", null, 0, List.of()), START.plusSeconds(300)));
        assertTrue(m.text().contains("STATUS: Acknowledged by Olivia On-call\n"), m.text());
        assertTrue(m.text().contains("NEXT UPDATE: 2026-11-24 10:00 UTC\n"), "P3 updates hourly: " + m.text());
        assertEquals("[P3] INC-42 Database unreachable: acknowledged by Olivia On-call", m.sms());
    }

    @Test
    void anUpdateFollowsTheRunbookStatusUpdate() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.UPDATE, incident("Database unreachable",
                "Failover to the replica in progress", Severity.P1, "ACKNOWLEDGED", "Olivia", null, 0, List.of()),
                START.plusSeconds(16 * 60)));
        assertEquals("""
                UPDATE on Database unreachable
                STATUS: Acknowledged by Olivia
                SEVERITY: P1 (critical)
                SERVICE: checkout
                DETAILS: Failover to the replica in progress
                NEXT UPDATE: 2026-11-24 09:30 UTC
                REFERENCE: INC-42
                """, m.text());
    }

    @Test
    void aResolutionStatesTheDuration() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.RESOLVED, incident("Database unreachable",
                null, Severity.P1, "RESOLVED", null, START.plusSeconds(23 * 60), 0, List.of()),
                START.plusSeconds(23 * 60)));
        assertEquals("""
                RESOLVED: Database unreachable
                DURATION: 2026-11-24 09:00 UTC - 2026-11-24 09:23 UTC (23 minutes)
                SEVERITY: P1 (critical)
                SERVICE: checkout
                IMPACT: Not recorded
                FOLLOW-UP: Post-mortem to be scheduled
                REFERENCE: INC-42
                """, m.text());
        assertEquals("[RESOLVED] INC-42 Database unreachable", m.subject());
        assertEquals("[RESOLVED] INC-42 Database unreachable after 23 minutes", m.sms());
        assertEquals("Resolved", m.status());
    }

    @Test
    void anSmsCarriesTheReplyCodes() {
        assertEquals("[P1] INC-42 DatabaseDown (checkout). Reply 42A to ack, 42R to resolve",
                RENDERER.render(page("DatabaseDown")).sms());
    }

    @Test
    void aLongTitleIsShortenedToKeepTheSmsInOneSegment() {
        String sms = RENDERER.render(page("Primary database cluster unreachable from every availability zone "
                + "after the storage controller firmware upgrade went wrong in eu-west-1 and us-east-1 at once"))
                .sms();
        assertTrue(Gsm7.septets(sms) <= 160, Gsm7.septets(sms) + ": " + sms);
        assertTrue(sms.startsWith("[P1] INC-42 Primary database cluster"), sms);
        assertTrue(sms.endsWith("... (checkout). Reply 42A to ack, 42R to resolve"), sms);
    }

    @Test
    void anSmsStaysInTheGsmAlphabet() {
        String sms = RENDERER.render(page("“Checkout” down 🔥 — café’s façade")).sms();
        assertEquals("[P1] INC-42 \"Checkout\" down ? - café's facade (checkout). Reply 42A to ack, 42R to resolve",
                sms);
    }

    @Test
    void htmlIsTheSameTextEscaped() {
        RenderedMessage m = RENDERER.render(request(NotificationKind.TRIGGERED, incident("<script>x</script> & co",
                null, Severity.P1, "TRIGGERED", null, null, 0, List.of(new Link("dashboard",
                        "https://grafana.example/d/1?a=1&b=2", "Dashboard"))), START));
        assertTrue(m.html().contains("<h2 style=\"margin: 0 0 12px 0;\">[P1] INC-42 &lt;script&gt;x&lt;/script&gt; "
                + "&amp; co</h2>"), m.html());
        assertTrue(m.html().contains(">SEVERITY</th><td style=\"padding: 2px 0;\">P1 (critical)</td>"), m.html());
        assertTrue(m.html().contains("<a href=\"https://grafana.example/d/1?a=1&amp;b=2\">Dashboard</a>"), m.html());
        assertFalse(m.html().contains("<script>"), m.html());
        assertFalse(m.html().contains(">LINK<"), "links are listed, not tabled: " + m.html());
    }

    @Test
    void aLineBreakInATitleDoesNotStartATemplateLine() {
        RenderedMessage m = RENDERER.render(page("Disk full\nSTATUS: Resolved"));
        assertTrue(m.text().startsWith("INCIDENT: Disk full STATUS: Resolved\nSEVERITY"), m.text());
        assertFalse(m.subject().contains("\n"));
    }
}
