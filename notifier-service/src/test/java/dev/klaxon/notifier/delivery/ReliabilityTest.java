package dev.klaxon.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.klaxon.notifier.testing.Requests.form;
import static dev.klaxon.notifier.testing.Requests.mails;
import static dev.klaxon.notifier.testing.Requests.page;
import static dev.klaxon.notifier.testing.Requests.publish;
import static dev.klaxon.notifier.testing.Requests.twilioPosts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** Rate limits with bundling, the circuit breaker and the fall back to the next contact method. */
@QuarkusTest
@TestProfile(ReliabilityTest.SmallLimits.class)
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier_limits"))
@WithTestResource(FakeProviders.class)
class ReliabilityTest {

    /** Limits small enough to hit in a test. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("klaxon.delivery.rate-limits.enabled", "true",
                    "klaxon.delivery.rate-limits.sms-per-address", "1/4s",
                    "klaxon.delivery.rate-limits.sms-per-provider", "100/1s",
                    "klaxon.delivery.rate-limits.email-per-address", "none",
                    "klaxon.delivery.breaker.failures", "3",
                    "klaxon.delivery.breaker.open-for", "3s");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @BeforeEach
    void providersAccept() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}")));
    }

    static String phone() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    static NotificationRequested pageOf(long number, String title, ContactMethod... methods) {
        NotificationRequested n = page(title, methods);
        IncidentSummary i = n.incident();
        return new NotificationRequested(n.notificationId(), n.kind(), new IncidentSummary(i.incidentId(), number,
                i.title(), i.description(), i.severity(), i.service(), i.status(), i.startedAt(), null, null, null, 0,
                i.links()), n.recipientId(), n.recipientName(), n.contactMethods(), n.requestedAt());
    }

    List<Map<String, Object>> rows(String address) {
        return pool.preparedQuery("SELECT status, attempts, last_error, bundle_id FROM delivery WHERE address = $1")
                .execute(Tuple.of(address)).await().indefinitely().stream()
                .map(r -> Map.<String, Object>of("status", r.getString("status"), "attempts", r.getInteger("attempts"),
                        "error", String.valueOf(r.getString("last_error")),
                        "bundle", String.valueOf(r.getUUID("bundle_id"))))
                .toList();
    }

    @Test
    void pagesPilingUpBehindAPhonesRateLimitGoAsOneBundledText() {
        String phone = phone();
        publish(pageOf(501, "First-" + phone, new ContactMethod(ContactType.SMS, phone, 0)));
        await().atMost(WAIT).until(() -> twilioPosts(phone).size() == 1);
        Instant first = Instant.now();
        for (int i = 2; i <= 4; i++) {
            publish(pageOf(500 + i, "Next" + i + "-" + phone, new ContactMethod(ContactType.SMS, phone, 0)));
        }
        await().atMost(WAIT).until(() -> rows(phone).stream().allMatch(r -> r.get("status").equals("DELIVERED"))
                && rows(phone).size() == 4);
        List<LoggedRequest> texts = twilioPosts(phone);
        assertEquals(2, texts.size(), "one page, then the three that waited for the limit as one text");
        String bundle = form(texts.get(1).getBodyAsString()).get("Body");
        assertTrue(bundle.startsWith("Klaxon: 3 new incidents: INC-502 [P1] Next2"), bundle);
        assertTrue(bundle.contains("INC-503") && bundle.contains("INC-504") && bundle.contains("Reply e.g. 502A"),
                bundle);
        assertTrue(Duration.between(first, Instant.now()).toMillis() >= 2500, "the limit was waited out");
        Set<String> bundles = new HashSet<>();
        rows(phone).forEach(r -> bundles.add((String) r.get("bundle")));
        assertEquals(2, bundles.size(), "three rows share one bundle id, the first has none: " + rows(phone));
    }

    @Test
    void aFailingProviderOpensItsCircuitAndDeliveriesWaitWithoutSpendingAttempts() {
        FakeProviders.http.resetAll();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(503).withBody("{\"message\":\"down\"}")));
        String phone = phone();
        publish(pageOf(601, "Breaker-" + phone, new ContactMethod(ContactType.SMS, phone, 0)));
        await().atMost(WAIT).until(() -> rows(phone).stream().anyMatch(r -> ((String) r.get("error"))
                .startsWith("circuit open")));
        int calls = twilioPosts(phone).size();
        assertEquals(3, calls, "three failures in a row open the circuit");
        assertEquals(3, rows(phone).get(0).get("attempts"));
        providersAccept();
        await().atMost(WAIT).until(() -> rows(phone).get(0).get("status").equals("DELIVERED"));
        assertEquals(4, rows(phone).get(0).get("attempts"), "one trial call after the circuit's open time");
    }

    @Test
    void whenTheTextIsRefusedTheEmailDueLaterGoesAtOnce() {
        String phone = phone();
        FakeProviders.http.stubFor(post(urlPathEqualTo(FakeProviders.TWILIO_PATH)).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}")));
        String title = "Fallback-" + UUID.randomUUID().toString().substring(0, 8);
        publish(pageOf(701, title, new ContactMethod(ContactType.SMS, phone, 0),
                new ContactMethod(ContactType.EMAIL, "fallback@example.com", 600)));
        await().atMost(WAIT).until(() -> mails(title).size() == 1);
        assertEquals("FAILED", rows(phone).get(0).get("status"));
    }
}
