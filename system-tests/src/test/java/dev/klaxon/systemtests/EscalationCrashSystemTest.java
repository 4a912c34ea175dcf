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
 * Escalation timers live in PostgreSQL: the escalation-service killed with SIGKILL while incidents are half-way up
 * their ladders, and started again, still pages every step of every ladder once and none twice.
 */
class EscalationCrashSystemTest {

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
    void killedMidLadderAndRestartedPagesEveryStepOnceAndNoneTwice() {
        escalation = new EscalationProcesses("esc_crash");
        ServiceProcess first = escalation.start("escalation-crash-1");
        first.awaitReady(Duration.ofSeconds(180));
        Ladder ladder = escalation.createLadder(first, STEPS, STEP_TIMEOUT_SECONDS, REPEAT);
        String keyPrefix = escalation.run + "-";

        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_REQUESTED)) {
            // opened 100 ms apart, so their deadlines are staggered and the crash lands between some of them
            for (int i = 0; i < INCIDENTS; i++) {
                escalation.trigger(keyPrefix + i, "Checkout 5xx " + escalation.run + " #" + i, ladder.policyName());
                PageFlowSystemTest.sleep(Duration.ofMillis(100));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> EscalationProcesses.incidentIds(first, keyPrefix).size() == INCIDENTS);
            List<UUID> incidents = EscalationProcesses.incidentIds(first, keyPrefix);

            // mid-ladder: a good part of the first escalations went out, and no ladder is near its end
            int total = INCIDENTS * ladder.pagesPerIncident();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> Ladder.pagesOf(
                    incidents, probe.drain(Duration.ofMillis(100))).stream()
                    .filter(p -> p.kind().equals("ESCALATED")).count() >= INCIDENTS / 2);
            first.kill();
            int beforeCrash = Ladder.pagesOf(incidents, probe.drain(Duration.ofMillis(500))).size();
            assertTrue(beforeCrash < total / 2, "the crash came mid-ladder: " + beforeCrash + " of " + total
                    + " pages were out");

            ServiceProcess second = escalation.start("escalation-crash-2");
            second.awaitReady(Duration.ofSeconds(180));
            long ready = System.currentTimeMillis();
            // steps came due while it was down: the restarted service pages them as soon as it is up
            long resumed = probe.await(r -> r.timestamp() >= ready, Duration.ofSeconds(30)).timestamp() - ready;
            System.out.printf("crash test: first page %d ms after the restarted escalation-service was ready%n",
                    resumed);
            assertTrue(resumed <= 5000, "pages resume within 5 s of ready: " + resumed + " ms");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ladder.complete(incidents, Ladder.pagesOf(incidents,
                            probe.drain(Duration.ofMillis(250)))));
            // the ladders are exhausted one step timeout after their last page; a duplicate would show by then
            awaitExhausted(second, incidents, ladder);
            Ladder.Verdict verdict = ladder.check(incidents,
                    Ladder.pagesOf(incidents, probe.drain(Duration.ofSeconds(STEP_TIMEOUT_SECONDS + 2))));

            System.out.printf("crash test: %d incidents, %d pages before SIGKILL, %d after restart, %d identical "
                    + "re-sends by the outbox relay%n", INCIDENTS, beforeCrash, verdict.pages() - beforeCrash,
                    verdict.resends());
            assertEquals(List.of(), verdict.problems().stream().limit(30).toList(), "pages after the crash");
            assertEquals(total, verdict.pages() - verdict.resends(), "one page per (incident, cycle, step, person)");
        }
    }

    /** Every incident's timeline shows each escalation once and the ladder exhausted once. */
    static void awaitExhausted(ServiceProcess p, List<UUID> incidents, Ladder ladder) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> incidents.stream()
                .allMatch(i -> EscalationProcesses.timelineTypes(p, i).contains("ESCALATION_EXHAUSTED")));
        for (UUID i : incidents) {
            List<String> types = EscalationProcesses.timelineTypes(p, i);
            assertEquals(ladder.escalationsPerIncident(), types.stream().filter("ESCALATED"::equals).count(),
                    "escalations of " + i + ": " + types);
            assertEquals(1, types.stream().filter("ESCALATION_EXHAUSTED"::equals).count(),
                    "exhausted once: " + i + ": " + types);
            assertEquals(ladder.pagesPerIncident(), types.stream().filter("NOTIFIED"::equals).count(),
                    "pages on the timeline of " + i + ": " + types);
        }
    }
}
