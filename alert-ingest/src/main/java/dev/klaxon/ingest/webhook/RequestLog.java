package dev.klaxon.ingest.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.klaxon.ingest.config.IngestConfig;
import dev.klaxon.ingest.webhook.repository.RequestLogRepository;
import dev.klaxon.ingest.webhook.repository.RequestLogRepository.LoggedRequest;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the last requests of each integration for operators. Diagnostics, not data: requests are queued in memory
 * and written in batches off the request path, so logging never slows or fails a webhook; secrets in headers are
 * never kept.
 */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "x-auth-token", "sentry-hook-signature", "x-grafana-alerting-signature",
            "x-twilio-signature", "x-slack-signature");
    private static final int MAX_QUEUED = 10_000;

    private final ConcurrentLinkedQueue<LoggedRequest> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final RequestLogRepository repository;
    private final IngestConfig.RequestLog config;

    public RequestLog(RequestLogRepository repository, IngestConfig config) {
        this.repository = repository;
        this.config = config.requestLog();
    }

    public void record(UUID integrationId, Instant at, String method, Map<String, String> headers, String body,
            int status, String outcome, List<String> alertIds) {
        if (!config.enabled() || queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        Map<String, Object> kept = new TreeMap<>();
        headers.forEach((k, v) -> kept.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? "(redacted)" : v));
        String text = body == null ? "" : body;
        boolean truncated = text.length() > config.maxBody();
        // PostgreSQL text cannot hold NUL characters
        String stored = (truncated ? text.substring(0, config.maxBody()) : text).replace('\u0000', '\uFFFD');
        queue.add(new LoggedRequest(0, integrationId, at, method, kept, stored, truncated, status,
                outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome, alertIds));
    }

    @Scheduled(every = "0.5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        List<LoggedRequest> batch = new ArrayList<>();
        LoggedRequest r;
        while (batch.size() < 1000 && (r = queue.poll()) != null) {
            batch.add(r);
            queued.decrementAndGet();
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> touched = new HashSet<>();
        batch.forEach(b -> touched.add(b.integrationId()));
        return repository.insertAll(batch).flatMap(x -> repository.trim(touched, config.keep()))
                .onFailure().invoke(e -> LOG.warnf("request log not written (%d requests): %s", batch.size(),
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
