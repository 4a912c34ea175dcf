package dev.klaxon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({ "critical,P1", "CRITICAL,P1", "P0,P1", "sev-1,P1", "SEV1,P1", "fatal,P1", "error,P2", "high,P2",
            "SEV-2,P2", "warning,P3", "warn,P3", "SEV 3,P3", "info,P4", "debug,P4", "sev-4,P4", "P4,P4", "low,P4" })
    void spellingsSeenInTheWildMapOntoP1ToP4(String raw, Severity expected) {
        assertEquals(Optional.of(expected), Severity.parse(raw));
    }

    @Test
    void unknownWordsMapToNothing() {
        assertEquals(Optional.empty(), Severity.parse("purple"));
        assertEquals(Optional.empty(), Severity.parse(null));
    }

    @Test
    void responseTargetsComeFromTheRunbooks() {
        assertEquals(Duration.ofMinutes(15), Severity.P1.acknowledgeWithin());
        assertEquals(Optional.of(Duration.ofMinutes(30)), Severity.P1.resolveWithin());
        assertEquals(Optional.of(Duration.ofHours(8)), Severity.P3.resolveWithin());
        assertEquals(Optional.empty(), Severity.P4.resolveWithin());
    }
}
