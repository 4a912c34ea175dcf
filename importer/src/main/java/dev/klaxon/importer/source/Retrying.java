package dev.klaxon.importer.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.klaxon.importer.config.ImporterConfig;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Calls an HTTP API politely: a 429 waits as long as {@code Retry-After} (or PagerDuty's {@code ratelimit-reset})
 * says, else backs off exponentially; 502/503/504 and network failures are retried the same way; other failures are
 * not. Counts what it did, for the summary.
 */
public final class Retrying {

    /** Sleeps; a seam so that the back-off maths is unit-tested without waiting. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String what;
    private final ImporterConfig.Retry config;
    private final Sleeper sleeper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    public Retrying(String what, ImporterConfig.Retry config) {
        this(what, config, d -> Thread.sleep(d.toMillis()));
    }

    public Retrying(String what, ImporterConfig.Retry config, Sleeper sleeper) {
        this.what = what;
        this.config = config;
        this.sleeper = sleeper;
    }

    /** Runs the call, retrying as above; the last failure is thrown as a {@link SourceException}. */
    public <T> T call(String description, Supplier<T> call) {
        Duration backoff = config.initialBackoff();
        boolean unreachable = false;
        for (int attempt = 1;; attempt++) {
            requests.incrementAndGet();
            Duration wait;
            String why;
            try {
                return call.get();
            } catch (WebApplicationException e) {
                Response r = e.getResponse();
                int status = r == null ? 0 : r.getStatus();
                if (status == 429) {
                    rateLimited.incrementAndGet();
                    wait = retryAfter(r, Instant.now()).orElse(backoff);
                    why = "rate-limited (429)";
                } else if (status == 502 || status == 503 || status == 504) {
                    wait = retryAfter(r, Instant.now()).orElse(backoff);
                    why = "unavailable (" + status + ")";
                } else {
                    throw new SourceException(what + ": " + description + " answered " + status + describe(r), e);
                }
            } catch (ProcessingException e) {
                wait = backoff;
                why = "unreachable (" + rootMessage(e) + ")";
                unreachable = true;
            }
            // a host that does not answer at all gets fewer tries than one that asks to slow down
            if (attempt >= (unreachable ? Math.min(3, config.attempts()) : config.attempts())) {
                throw new SourceException(what + ": " + description + " still " + why + " after " + attempt
                        + " attempts");
            }
            retried.incrementAndGet();
            if (wait.compareTo(config.maxWait()) > 0) {
                wait = config.maxWait();
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new SourceException(what + ": interrupted while waiting to retry " + description);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** How long the answer asks to wait: {@code Retry-After} (seconds or an HTTP date), or {@code ratelimit-reset}. */
    public static java.util.Optional<Duration> retryAfter(Response r, Instant now) {
        if (r == null) {
            return java.util.Optional.empty();
        }
        for (String header : new String[] { "Retry-After", "ratelimit-reset", "X-RateLimit-Reset" }) {
            String v = r.getHeaderString(header);
            if (v == null || v.isBlank()) {
                continue;
            }
            v = v.strip();
            try {
                return java.util.Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000))));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration d = Duration.between(now, at);
                    return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    // neither form: fall back to the back-off
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String describe(Response r) {
        if (r == null) {
            return "";
        }
        try {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            return body == null || body.isBlank() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "…"
                    : body);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public int requests() {
        return requests.get();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    public int retried() {
        return retried.get();
    }
}
