package dev.klaxon.escalation.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.Severity;

/** The resolve timer when the severity changes, and both timers once the ladder has run out. */
class IncidentTimersTest {

    static final Instant START = Instant.parse("2026-11-24T10:15:00Z");
    static final Instant ACK_DUE = START.plusSeconds(600);

    /** A P3 incident opened at START, its step timing out at ACK_DUE, unresolved escalation after 8 h. */
    static Incident p3() {
        return new Incident(UUID.randomUUID(), 7, "k", "Checkout slow", null, Severity.P3, "checkout",
                IncidentStatus.TRIGGERED, null, 0, 0, 1, List.of(), START, null, null, null, null, ACK_DUE,
                START.plus(Duration.ofHours(8)), 0,
                ResponseTimes.targets(Duration.ofHours(4), Optional.of(Duration.ofHours(8))), null);
    }

    @Test
    void aRaisedSeverityArmsTheResolveTimerFromTheTriggerWithItsOwnTime() {
        Incident raised = p3().withResolveDeadlineFromTrigger(Optional.of(Duration.ofMinutes(30)),
                START.plusSeconds(10 * 60));
        assertEquals(START.plusSeconds(30 * 60), raised.resolveDeadlineAt());
        assertEquals(ACK_DUE, raised.ackDeadlineAt(), "the step's acknowledge timer is left alone");
    }

    @Test
    void aResolveTimeAlreadyPastIsDueNow() {
        Instant now = START.plusSeconds(45 * 60);
        assertEquals(now, p3().withResolveDeadlineFromTrigger(Optional.of(Duration.ofMinutes(30)), now)
                .resolveDeadlineAt());
    }

    @Test
    void aSeverityWithoutAResolveTimeClearsTheTimer() {
        assertNull(p3().withResolveDeadlineFromTrigger(Optional.empty(), START.plusSeconds(60)).resolveDeadlineAt());
    }

    @Test
    void anExhaustedLadderStopsBothTimersAndKeepsWhenItFirstRanOut() {
        Instant first = START.plusSeconds(3600);
        Incident exhausted = p3().exhausted(first).exhausted(first.plusSeconds(3600));
        assertEquals(first, exhausted.exhaustedAt());
        assertNull(exhausted.ackDeadlineAt());
        assertNull(exhausted.resolveDeadlineAt());
        assertNull(exhausted.withResolveDeadlineFromTrigger(Optional.of(Duration.ofMinutes(30)), first.plusSeconds(1))
                .resolveDeadlineAt(), "raising the severity does not restart a timer with nobody left to page");
    }

    @Test
    void aReassignmentOrAnotherStepCarriesTheWalkOn() {
        Incident exhausted = p3().exhausted(START.plusSeconds(3600));
        assertNull(exhausted.reassigned(null, 0, 0).exhaustedAt());
        assertNull(exhausted.withStep(1, 0).exhaustedAt());
    }
}
