package dev.klaxon.importer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.klaxon.importer.config.ImporterConfig;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

class RetryingTest {

    static ImporterConfig.Retry config(int attempts) {
        return new ImporterConfig.Retry() {
            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration maxWait() {
                return Duration.ofSeconds(60);
            }
        };
    }

    static WebApplicationException answer(int status, String header, String value) {
        Response.ResponseBuilder r = Response.status(status);
        if (header != null) {
            r.header(header, value);
        }
        return new WebApplicationException(r.build());
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSaysThenSucceeds() {
        List<Duration> waits = new ArrayList<>();
        Retrying http = new Retrying("Test", config(5), waits::add);
        AtomicInteger calls = new AtomicInteger();
        String out = http.call("GET /users", () -> {
            if (calls.incrementAndGet() < 3) {
                throw answer(429, "Retry-After", "7");
            }
            return "ok";
        });
        assertEquals("ok", out);
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), waits);
        assertEquals(3, http.requests());
        assertEquals(2, http.rateLimited());
    }

    @Test
    void withoutRetryAfterItBacksOffExponentiallyAndPagerDutysResetHeaderCounts() {
        List<Duration> waits = new ArrayList<>();
        Retrying http = new Retrying("Test", config(4), waits::add);
        assertThrows(SourceException.class, () -> http.call("GET /x", () -> {
            throw answer(503, null, null);
        }));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
        Response r = Response.status(429).header("ratelimit-reset", "12").build();
        assertEquals(Duration.ofSeconds(12), Retrying.retryAfter(r, Instant.now()).orElseThrow());
    }

    @Test
    void anHttpDateRetryAfterIsTheTimeUntilThenAndTheWaitIsCapped() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Response r = Response.status(429).header("Retry-After", "Wed, 02 Dec 2026 10:00:30 GMT").build();
        assertEquals(Duration.ofSeconds(30), Retrying.retryAfter(r, now).orElseThrow());
        List<Duration> waits = new ArrayList<>();
        Retrying http = new Retrying("Test", config(2), waits::add);
        assertThrows(SourceException.class, () -> http.call("GET /x", () -> {
            throw answer(429, "Retry-After", "3600");
        }));
        assertEquals(List.of(Duration.ofSeconds(60)), waits);
    }

    @Test
    void aClientErrorIsNotRetriedAndNamesTheRequest() {
        List<Duration> waits = new ArrayList<>();
        Retrying http = new Retrying("PagerDuty", config(5), waits::add);
        SourceException e = assertThrows(SourceException.class, () -> http.call("GET /users", () -> {
            throw answer(401, null, null);
        }));
        assertTrue(e.getMessage().contains("GET /users answered 401"), e.getMessage());
        assertTrue(waits.isEmpty());
    }
}
