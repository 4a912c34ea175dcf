package dev.klaxon.triage.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Severity;

class RuleEngineTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z"); // a Tuesday

    static NormalizedAlert alert(String title, Map<String, String> labels, String hint) {
        return new NormalizedAlert("a", "grafana", "i", "checkout", "d", AlertStatus.FIRING, title, null, hint,
                labels, Map.of(), List.of(), Map.of(), NOW, NOW, null, null);
    }

    static Rule rule(String name, RuleConditions c, RuleActions a) {
        return new Rule(UUID.randomUUID(), 0, name, true, c, a);
    }

    static RuleConditions labels(LabelMatcher... m) {
        return new RuleConditions(null, null, null, List.of(m), null, null, null, null);
    }

    static RuleActions severity(String s) {
        return new RuleActions(s, null, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({ "=,critical,critical,true", "=,critical,warning,false", "!=,critical,warning,true",
            "=~,crit.*,critical,true", "=~,crit,critical,false", "!~,crit,critical,true", "=,,'',true" })
    void labelMatchersFollowAlertmanagerSemantics(String op, String value, String actual, boolean expected) {
        LabelMatcher.Compiled m = new LabelMatcher("severity", op, value == null ? "" : value).compile();
        assertEquals(expected, m.matches(actual.isEmpty() ? Map.of() : Map.of("severity", actual)));
    }

    @Test
    void firstMatchingEnabledRuleWins() {
        Rule disabled = new Rule(UUID.randomUUID(), 0, "off", false, RuleConditions.ANY, severity("P1"));
        Rule db = rule("db", labels(new LabelMatcher("service", "=", "db")), severity("P2"));
        Rule fallback = rule("rest", RuleConditions.ANY, severity("P4"));
        var rules = List.of(RuleEngine.compile(disabled), RuleEngine.compile(db), RuleEngine.compile(fallback));
        assertEquals(Severity.P2, RuleEngine.evaluate(rules, alert("x", Map.of("service", "db"), null), NOW)
                .severity());
        RuleEngine.Decision other = RuleEngine.evaluate(rules, alert("x", Map.of(), null), NOW);
        assertEquals(Severity.P4, other.severity());
        assertEquals("rest", other.rule().name());
    }

    @Test
    void sourceSeverityFallsThroughWhenTheSenderHasNone() {
        Rule source = rule("source", RuleConditions.ANY, new RuleActions(null, true, null, null, null, null, null, null));
        Rule fallback = rule("rest", RuleConditions.ANY, severity("P3"));
        var rules = List.of(RuleEngine.compile(source), RuleEngine.compile(fallback));
        assertEquals(Severity.P1, RuleEngine.evaluate(rules, alert("x", Map.of("severity", "critical"), null), NOW)
                .severity());
        assertEquals(Severity.P2, RuleEngine.evaluate(rules, alert("x", Map.of(), "error"), NOW).severity());
        assertEquals("rest", RuleEngine.evaluate(rules, alert("x", Map.of(), null), NOW).rule().name());
        assertEquals("rest", RuleEngine.evaluate(rules, alert("x", Map.of("severity", "purple"), null), NOW).rule()
                .name());
    }

    @Test
    void valueConditionsReadNumbersFromTitlesLabelsAndValues() {
        Rule rate = rule("rate", new RuleConditions(null, null, null, null, null, null,
                List.of(new ValueCondition("error_rate", ">", 10.0)), null), severity("P2"));
        var rules = List.of(RuleEngine.compile(rate));
        assertEquals("rate", RuleEngine.evaluate(rules, alert("Checkout error rate 12%", Map.of(), null), NOW).rule()
                .name());
        assertNull(RuleEngine.evaluate(rules, alert("Checkout error rate 8%", Map.of(), null), NOW).rule());
        assertEquals("rate", RuleEngine.evaluate(rules, alert("x", Map.of("error_rate", "12.5%"), null), NOW).rule()
                .name());
        assertEquals(3000.0, AlertValues.of(alert("p95 latency 3s on search", Map.of(), null)).get("p95_latency_ms"));
        assertEquals(5300.0, AlertValues.of(alert("p95 latency 5300ms", Map.of(), null)).get("p95_latency_ms"));
        assertEquals(97.0, AlertValues.of(alert("CPU usage at 97%", Map.of(), null)).get("cpu_percent"));
    }

    @Test
    void businessHoursWindowsUseTheirTimeZone() {
        RuleConditions inHours = new RuleConditions(null, null, null, null, null, null, null,
                new RuleConditions.BusinessHours("Europe/London", List.of(1, 2, 3, 4, 5), "09:00", "17:00", true));
        var rules = List.of(RuleEngine.compile(rule("hours", inHours, severity("P2"))));
        assertEquals("hours", RuleEngine.evaluate(rules, alert("x", Map.of(), null), NOW).rule().name());
        assertNull(RuleEngine.evaluate(rules, alert("x", Map.of(), null), Instant.parse("2026-11-24T20:00:00Z"))
                .rule());
    }

    @Test
    void suppressRecordsWithoutPaging() {
        Rule quiet = rule("quiet", labels(new LabelMatcher("env", "=", "staging")),
                new RuleActions(null, null, true, null, null, null, null, null));
        RuleEngine.Decision d = RuleEngine.evaluate(List.of(RuleEngine.compile(quiet)),
                alert("x", Map.of("env", "staging"), null), NOW);
        assertTrue(d.suppressed());
        assertFalse(RuleEngine.evaluate(List.of(RuleEngine.compile(quiet)), alert("x", Map.of(), null), NOW)
                .suppressed());
    }

    @Test
    void invalidRulesNameTheFieldAtFault() {
        RuleException regex = assertThrows(RuleException.class, () -> RuleEngine.compile(rule("r",
                new RuleConditions(null, null, null, null, null, "(unclosed", null, null), severity("P1"))));
        assertEquals("conditions.textMatches", regex.field());
        RuleException op = assertThrows(RuleException.class, () -> RuleEngine.compile(rule("r",
                labels(new LabelMatcher("a", "~=", "b")), severity("P1"))));
        assertEquals("conditions.labels[0].op", op.field());
        RuleException sev = assertThrows(RuleException.class, () -> RuleEngine.compile(rule("r", RuleConditions.ANY,
                severity("P9"))));
        assertEquals("actions.severity", sev.field());
        RuleException none = assertThrows(RuleException.class, () -> RuleEngine.compile(rule("r", RuleConditions.ANY,
                new RuleActions(null, null, null, null, null, null, null, null))));
        assertEquals("actions", none.field());
    }
}
