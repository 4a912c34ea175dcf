package dev.klaxon.escalation.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.klaxon.events.Severity;

class ResponseTimesTest {

    static final Instant START = Instant.parse("2026-11-24T10:15:00Z");

    static Incident p1() {
        return new Incident(UUID.randomUUID(), 7, "k", "Checkout down", null, Severity.P1, "checkout",
                IncidentStatus.TRIGGERED, null, 0, 0, 1, List.of(), START, null, null, null, null, null, null, 0,
                ResponseTimes.targets(Duration.ofMinutes(15), Optional.of(Duration.ofMinutes(30))), null);
    }

    @Test
    void acknowledgedAndResolvedWithinTheTargetsIsNoBreach() {
        Incident done = p1().acknowledged(START.plusSeconds(14 * 60 + 59), "olivia")
                .resolved(START.plusSeconds(30 * 60), "olivia");
        assertEquals(new ResponseTimes(900L, 899L, false, 1800L, 1800L, false), done.response());
    }

    @Test
    void aLateAcknowledgementAndALateResolutionAreBothBreaches() {
        Incident done = p1().acknowledged(START.plusSeconds(900).plusMillis(1), "olivia")
                .resolved(START.plusSeconds(3 * 3600), "olivia");
        assertEquals(new ResponseTimes(900L, 900L, true, 1800L, 10800L, true), done.response());
    }

    @Test
    void onlyTheFirstAcknowledgementCountsAfterAReassignment() {
        Incident again = p1().acknowledged(START.plusSeconds(60), "olivia").reassigned(null, 0, 0)
                .acknowledged(START.plusSeconds(3600), "liam");
        assertEquals(60L, again.response().acknowledgedAfterSeconds());
        assertEquals(false, again.response().acknowledgeBreached());
    }

    @Test
    void resolvedWithoutAnyoneAcknowledgingBreachesTheAcknowledgeTargetOnceItPassed() {
        ResponseTimes quick = p1().resolved(START.plusSeconds(120), "source").response();
        assertEquals(new ResponseTimes(900L, null, false, 1800L, 120L, false), quick);
        ResponseTimes slow = p1().resolved(START.plusSeconds(1200), "source").response();
        assertEquals(new ResponseTimes(900L, null, true, 1800L, 1200L, false), slow);
    }

    @Test
    void aSeverityWithoutAResolveTargetNeverBreachesIt() {
        ResponseTimes p4 = ResponseTimes.targets(Duration.ofHours(24), Optional.empty())
                .resolved(Duration.ofDays(30));
        assertEquals(null, p4.resolveTargetSeconds());
        assertEquals(false, p4.resolveBreached());
        assertEquals(true, p4.acknowledgeBreached());
    }

    @Test
    void raisingTheSeverityRetargetsOnlyWhatIsNotJudgedYet() {
        ResponseTimes acked = ResponseTimes.targets(Duration.ofHours(4), Optional.of(Duration.ofHours(8)))
                .acknowledged(Duration.ofMinutes(20));
        ResponseTimes raised = acked.retargeted(Duration.ofMinutes(15), Optional.of(Duration.ofMinutes(30)));
        assertEquals(new ResponseTimes(14400L, 1200L, false, 1800L, null, null), raised);
    }
}
