import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for alert-ingest: posts generic-webhook requests (one alert, or a batch of N alerts) with a fixed
 * number in flight, and prints requests/s, alerts/s and latency percentiles. Every 202 means the alerts were
 * acknowledged by Kafka (acks=all) before the answer.
 *
 * Usage: java IngestBench.java URL REQUESTS CONCURRENCY ALERTS_PER_REQUEST [WARMUP]
 */
public class IngestBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : Math.min(2000, requests / 5);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        run(http, url, warmup, concurrency, batch, "warm-up", false);
        run(http, url, requests, concurrency, batch, "measured", true);
    }

    static void run(HttpClient http, String url, int requests, int concurrency, int batch, String label,
            boolean print) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            inFlight.acquire();
            String body = body(label, i, batch);
            long t0 = System.nanoTime();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latencies.add(System.nanoTime() - t0);
                if (e == null && r.statusCode() == 202) {
                    ok.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!print) {
            return;
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("ingest: %d requests x %d alert(s), concurrency %d: %.0f requests/s, %.0f alerts/s, "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms, 202: %d, other: %d%n", requests, batch, concurrency,
                requests / seconds, requests * (double) batch / seconds, ms(sorted, 0.50), ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6, ok.get(), other.get());
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    static String body(String run, int i, int batch) {
        if (batch == 1) {
            return "{\"title\":\"bench alert " + i + "\",\"dedupKey\":\"" + run + "-" + (i % 1000)
                    + "\",\"severity\":\"warning\"}";
        }
        StringBuilder sb = new StringBuilder("{\"alerts\":[");
        for (int j = 0; j < batch; j++) {
            sb.append(j == 0 ? "" : ",").append("{\"title\":\"bench alert ").append(i).append('-').append(j)
                    .append("\",\"dedupKey\":\"").append(run).append('-').append((i * batch + j) % 1000)
                    .append("\",\"severity\":\"warning\"}");
        }
        return sb.append("]}").toString();
    }
}
