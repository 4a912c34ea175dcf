package dev.klaxon.triage.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.triage.rule.LabelMatcher;
import dev.klaxon.triage.rule.RuleEngine;

class SilenceBookTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    static NormalizedAlert alert(String service, Map<String, String> labels) {
        return new NormalizedAlert("a", "alertmanager", "int-1", service, "k", AlertStatus.FIRING, "Disk full", null,
                null, labels, Map.of(), List.of(), Map.of(), NOW, NOW, null, null);
    }

    static SilenceBook.Compiled silence(Instant starts, Instant ends, LabelMatcher... matchers) {
        Silence s = new Silence(UUID.randomUUID(), List.of(matchers), starts, ends, "ana", "why", starts, starts,
                MuteState.ACTIVE);
        return new SilenceBook.Compiled(s, s.matchers().stream().map(LabelMatcher::compile).toList());
    }

    static SilenceBook.Loaded loaded(List<SilenceBook.Compiled> s, List<MaintenanceWindow> w) {
        return new SilenceBook.Loaded(s, w);
    }

    @Test
    void aSilenceMutesOnlyWhileItIsActiveAndOnlyWhenEveryMatcherHolds() {
        var s = silence(NOW.minusSeconds(60), NOW.plusSeconds(60), new LabelMatcher("team", "=", "db"),
                new LabelMatcher("env", "!~", "dev|test"));
        var book = loaded(List.of(s), List.of());
        assertTrue(SilenceBook.mute(book, alert("x", Map.of("team", "db", "env", "prod")), NOW).isPresent());
        assertTrue(SilenceBook.mute(book, alert("x", Map.of("team", "db", "env", "dev")), NOW).isEmpty());
        assertTrue(SilenceBook.mute(book, alert("x", Map.of("team", "web")), NOW).isEmpty());
        // ends exactly on time, and has not started before its start
        assertTrue(SilenceBook.mute(book, alert("x", Map.of("team", "db")), NOW.plusSeconds(60)).isEmpty());
        assertTrue(SilenceBook.mute(book, alert("x", Map.of("team", "db")), NOW.minusSeconds(61)).isEmpty());
    }

    @Test
    void matchersSeeTheAlertsServiceSourceAndIntegration() {
        var s = silence(NOW.minusSeconds(1), NOW.plusSeconds(60), new LabelMatcher("service", "=", "checkout"),
                new LabelMatcher("source", "=", "alertmanager"), new LabelMatcher("integration", "=", "int-1"));
        var book = loaded(List.of(s), List.of());
        assertTrue(SilenceBook.mute(book, alert("checkout", Map.of()), NOW).isPresent());
        assertTrue(SilenceBook.mute(book, alert("search", Map.of()), NOW).isEmpty());
    }

    @Test
    void aMaintenanceWindowMutesItsServiceAndSaysWhy() {
        var w = new MaintenanceWindow(UUID.randomUUID(), "billing", NOW.minusSeconds(1), NOW.plusSeconds(3600),
                "database upgrade", "ana", NOW, MuteState.ACTIVE);
        var book = loaded(List.of(), List.of(w));
        Mute m = SilenceBook.mute(book, alert("billing", Map.of()), NOW).orElseThrow();
        assertEquals("maintenance " + w.id(), m.mutedBy());
        assertTrue(m.reason().contains("database upgrade"));
        assertTrue(SilenceBook.mute(book, alert("search", Map.of()), NOW).isEmpty());
        assertTrue(SilenceBook.mute(book, alert("billing", Map.of()), NOW.plusSeconds(3600)).isEmpty());
    }

    @Test
    void durationsReadLikeOperatorsWriteThem() {
        assertEquals(Duration.ofSeconds(90), RuleEngine.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(30), RuleEngine.parseDuration("30m"));
        assertEquals(Duration.ofHours(2), RuleEngine.parseDuration("2h"));
        assertEquals(Duration.ofDays(1), RuleEngine.parseDuration("1d"));
        assertEquals(Duration.ofMinutes(45), RuleEngine.parseDuration("PT45M"));
        for (String bad : new String[] { "", "m", "0m", "-5m", "soon", "5w", null }) {
            assertThrows(IllegalArgumentException.class, () -> RuleEngine.parseDuration(bad), bad);
        }
    }
}
