package dev.klaxon.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.klaxon.events.Topics;
import dev.klaxon.testkit.TopicProbe;

/**
 * Two escalation-service processes on one database and one consumer group, both running their timer loops at once,
 * page every step of every ladder once and none twice.
 */
class EscalationReplicasSystemTest {

    static final int INCIDENTS = 20;
    static final int STEPS = 3;
    static final int STEP_TIMEOUT_SECONDS = 3;
    static final int REPEAT = 1;

    EscalationProcesses escalation;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (escalation != null) {
                System.out.println("escalation-service logs after " + context.getDisplayName() + " failed:"
                        + escalation.logs());
            }
        }
    };

    @AfterEach
    void stop() {
        if (escalation != null) {
            escalation.close();
        }
    }

    @Test
    void twoReplicasOnOneDatabasePageEveryStepOnceAndNoneTwice() {
        escalation = new EscalationProcesses("esc_replicas");
        // started together: both migrate the same empty database at once, as a rolling deploy's first start would
        ServiceProcess a = escalation.start("escalation-replica-a");
        ServiceProcess b = escalation.start("escalation-replica-b");
        a.awaitReady(Duration.ofSeconds(180));
        b.awaitReady(Duration.ofSeconds(180));
        Ladder ladder = escalation.createLadder(a, STEPS, STEP_TIMEOUT_SECONDS, REPEAT);
        String keyPrefix = escalation.run + "-";

        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            for (int i = 0; i < INCIDENTS; i++) {
                escalation.trigger(keyPrefix + i, "Checkout 5xx " + escalation.run + " #" + i, ladder.policyName());
                PageFlowSystemTest.sleep(Duration.ofMillis(50));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> EscalationProcesses.incidentIds(b, keyPrefix).size() == INCIDENTS);
            List<UUID> incidents = EscalationProcesses.incidentIds(a, keyPrefix);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ladder.complete(incidents, Ladder.pagesOf(incidents,
                            probe.drain(Duration.ofMillis(250)))));
            EscalationCrashSystemTest.awaitExhausted(b, incidents, ladder);
            Ladder.Verdict verdict = ladder.check(incidents,
                    Ladder.pagesOf(incidents, probe.drain(Duration.ofSeconds(STEP_TIMEOUT_SECONDS + 2))));

            long firedByA = EscalationProcesses.timersFired(a);
            long firedByB = EscalationProcesses.timersFired(b);
            System.out.printf("replicas test: %d incidents, %d pages, %d identical re-sends; timers fired by replica "
                    + "a %d, by replica b %d%n", INCIDENTS, verdict.pages(), verdict.resends(), firedByA, firedByB);
            assertEquals(List.of(), verdict.problems().stream().limit(30).toList(), "pages of two replicas");
            assertEquals(0, verdict.resends(), "nothing crashed, so nothing is re-sent");
            assertEquals(INCIDENTS * ladder.pagesPerIncident(), verdict.pages(),
                    "one page per (incident, cycle, step, person)");
            assertEquals(INCIDENTS * (ladder.escalationsPerIncident() + 1), firedByA + firedByB,
                    "each timer (every escalation, and the ladder running out) fired once, by one replica");
            assertTrue(a.isAlive() && b.isAlive(), "both replicas ran to the end");
        }
    }
}
