package dev.klaxon.ingest.webhook;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.klaxon.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A token bucket per integration, in memory: each replica enforces the rate on what it receives. Over the limit a
 * sender is told how many seconds to wait.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final IngestConfig.RateLimit config;
    private final Clock clock;

    public RateLimiter(IngestConfig config, Clock clock) {
        this.config = config.rateLimit();
        this.clock = clock;
    }

    /** Zero when the request may pass, else the whole seconds to wait before the next one would. */
    public int retryAfterSeconds(UUID integrationId) {
        if (config.perSecond() <= 0) {
            return 0;
        }
        return buckets.computeIfAbsent(integrationId, id -> new Bucket(config.burst(), clock.millis()))
                .take(config.perSecond(), config.burst(), clock.millis());
    }

    /** Tokens refilled continuously at the sustained rate, up to the burst. */
    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized int take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1000.0 * perSecond);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }
    }
}
