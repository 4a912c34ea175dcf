package dev.klaxon.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import dev.klaxon.events.Topics;
import dev.klaxon.testkit.ProviderStandIn;
import dev.klaxon.testkit.TestTokens;
import dev.klaxon.testkit.TopicProbe;
import io.restassured.RestAssured;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The notifier killed with SIGKILL in the middle of a burst of 50 pages (Slack, SMS and email each), and started
 * again: every (incident, person, channel) gets exactly one message, all within 15 s of the restart, with the Slack
 * and Twilio stand-ins answering the look-ups the notifier makes before it sends anything again. Run with answers as
 * fast as loopback allows and with every answer 200 ms late, so that many calls are in flight at the kill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierCrashSystemTest {

    static final int PAGES = 50;
    static final Duration WITHIN = Duration.ofSeconds(Long.getLong("klaxon.crash.within-seconds", 15));

    ProviderStandIn standIn;
    KlaxonSystem system;
    int run;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                System.out.println("notifier logs after " + context.getDisplayName() + " failed:" + system.logs());
            }
        }
    };

    @BeforeAll
    void start() {
        standIn = new ProviderStandIn();
        system = new KlaxonSystem(standIn.url(), List.of("notifier-service"));
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @ParameterizedTest(name = "answers {0} ms late")
    @ValueSource(ints = { 0, 200 })
    void killedMidBurstEveryPageArrivesOnceWithinSecondsOfTheRestart(int answerDelayMillis) throws Exception {
        run++;
        standIn.delay(answerDelayMillis);
        String tag = "crash" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<NotificationRequested> pages = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            pages.add(page(tag, run, i));
        }
        Set<UUID> incidents = pages.stream().map(p -> p.incident().incidentId()).collect(Collectors.toSet());
        TopicProbe.sendAll(Topics.NOTIFICATIONS_REQUESTED, pages.stream().map(p -> Map.entry(
                p.incident().incidentId().toString(), EventJson.write(EventEnvelope.withId(p.notificationId(),
                        NotificationRequested.EVENT_TYPE, "escalation-service", p.requestedAt(), p)))).toList());

        // mid-burst: some pages are out, most are not, and (when answers are slow) several calls are in flight
        int before = received(tag);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> received(tag) - before >= 20);
        Instant killed = Instant.now();
        system.kill("notifier-service");
        int atKill = received(tag);
        Thread.sleep(300); // answers still on their way to the dead process land in the stand-ins' journals
        int landed = received(tag);

        system.restart("notifier-service", "notifier-crash-" + run);
        Instant ready = Instant.now();
        Instant[] firstAfter = { null };
        int expected = PAGES * 3;
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            int now = received(tag);
            if (firstAfter[0] == null && now > landed) {
                firstAfter[0] = Instant.now();
            }
            return distinctReceived(tag) >= expected;
        });
        Instant complete = Instant.now();
        Thread.sleep(3000); // a second copy of anything would have come by now

        Map<String, Long> slack = standIn.posts().stream().filter(p -> p.text().contains(tag))
                .collect(Collectors.groupingBy(p -> p.channel(), TreeMap::new, Collectors.counting()));
        Map<String, Long> sms = standIn.sms().stream().filter(m -> m.body().contains(tag))
                .collect(Collectors.groupingBy(ProviderStandIn.Sms::to, TreeMap::new, Collectors.counting()));
        Map<String, Long> mails = new TreeMap<>();
        Map<String, Set<String>> mailIds = new TreeMap<>();
        for (MimeMessage m : mailsAbout(tag)) {
            String to = m.getAllRecipients()[0].toString();
            mails.merge(to, 1L, Long::sum);
            mailIds.computeIfAbsent(to, k -> new java.util.HashSet<>()).add(m.getMessageID());
        }
        long doubledSlack = slack.values().stream().filter(n -> n > 1).count();
        long doubledSms = sms.values().stream().filter(n -> n > 1).count();
        long doubledMailIds = mailIds.values().stream().filter(ids -> ids.size() > 1).count();
        long resentMails = mails.values().stream().mapToLong(n -> n - 1).sum();
        List<Map<String, Object>> log = deliveries(incidents);
        Map<String, Long> notes = log.stream().filter(d -> d.get("note") != null)
                .collect(Collectors.groupingBy(d -> d.get("channel") + ": " + String.valueOf(d.get("note"))
                        .replaceAll("\\(.*", "").replaceAll("attempt \\d+", "attempt N").trim(), TreeMap::new,
                        Collectors.counting()));
        System.out.printf("notifier crash (answers %d ms late): %d of %d messages out at the kill (%d landed after "
                + "it), ready %d ms after the kill, first message %s ms after ready, all %d (incident, person, "
                + "channel) served %d ms after ready; doubled: Slack %d, SMS %d, email %d (re-sent emails with the "
                + "same Message-ID: %d); delivery notes %s%n", answerDelayMillis, atKill - before, expected,
                landed - atKill, Duration.between(killed, ready).toMillis(), firstAfter[0] == null ? "-"
                        : Long.toString(Duration.between(ready, firstAfter[0]).toMillis()), expected,
                Duration.between(ready, complete).toMillis(), doubledSlack, doubledSms, doubledMailIds,
                resentMails, notes);

        assertEquals(PAGES, slack.size(), "every person got their Slack page: " + slack);
        assertEquals(PAGES, sms.size(), "every person got their SMS: " + sms);
        assertEquals(PAGES, mailIds.size(), "every person got their email: " + mails);
        assertEquals(0, doubledSlack, "no Slack page twice: " + slack);
        assertEquals(0, doubledSms, "no SMS twice: " + sms);
        assertEquals(0, doubledMailIds, "no email twice (a re-sent one keeps its Message-ID): " + mailIds);
        assertTrue(log.stream().allMatch(d -> "DELIVERED".equals(d.get("status"))), "all delivered: " + log.stream()
                .filter(d -> !"DELIVERED".equals(d.get("status"))).toList());
        assertTrue(Duration.between(ready, complete).compareTo(WITHIN) <= 0, "all within " + WITHIN);
    }

    /** A page about incident i of this run to person i, by Slack, SMS and email. */
    static NotificationRequested page(String tag, int run, int i) {
        UUID incident = UUID.randomUUID();
        long number = 9000 + i;
        IncidentSummary summary = new IncidentSummary(incident, number, "Checkout down " + tag + " #" + i, null,
                Severity.P1, "checkout", "TRIGGERED", Instant.now(), null, null, null, 0, List.of());
        String person = String.format("%03d", i);
        return new NotificationRequested(UUID.randomUUID(), NotificationKind.TRIGGERED, summary,
                UUID.randomUUID().toString(), "Person " + person, List.of(
                        new ContactMethod(ContactType.SLACK, "U0CRASH" + run + person, 0),
                        new ContactMethod(ContactType.SMS, "+1555" + (10 + run) + "0" + person, 0),
                        new ContactMethod(ContactType.EMAIL, "crash" + run + "-" + person + "@example.com", 0)),
                Instant.now());
    }

    /** Messages about this run the stand-ins hold: Slack posts, SMS and emails. */
    int received(String tag) {
        return (int) (standIn.posts().stream().filter(p -> p.text().contains(tag)).count()
                + standIn.sms().stream().filter(m -> m.body().contains(tag)).count() + mailsAbout(tag).size());
    }

    /** Distinct (person, channel) pairs served in this run. */
    int distinctReceived(String tag) {
        Set<String> served = new java.util.HashSet<>();
        standIn.posts().stream().filter(p -> p.text().contains(tag)).forEach(p -> served.add("slack " + p.channel()));
        standIn.sms().stream().filter(m -> m.body().contains(tag)).forEach(m -> served.add("sms " + m.to()));
        mailsAbout(tag).forEach(m -> served.add("mail " + recipient(m)));
        return served.size();
    }

    List<MimeMessage> mailsAbout(String tag) {
        return java.util.Arrays.stream(system.smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(tag);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "?";
        }
    }

    List<Map<String, Object>> deliveries(Set<UUID> incidents) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (UUID i : incidents) {
            all.addAll(RestAssured.given().baseUri(system.url("notifier-service")).auth()
                    .oauth2(TestTokens.viewer()).get("/api/v1/deliveries?incidentId=" + i).then().statusCode(200)
                    .extract().path(""));
        }
        return all;
    }
}
