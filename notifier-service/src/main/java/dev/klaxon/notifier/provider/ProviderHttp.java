package dev.klaxon.notifier.provider;

import java.time.Duration;
import java.util.Map;

import dev.klaxon.notifier.config.NotifierConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;

/** One HTTP client for every provider: POSTs with a timeout, answering status, Retry-After and body. */
@ApplicationScoped
public class ProviderHttp {

    /** A provider's answer. */
    public record Answer(int status, String body, Duration retryAfter) {
    }

    private final HttpClient client;
    private final Duration timeout;

    public ProviderHttp(Vertx vertx, NotifierConfig config) {
        this.client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true)
                .setMaxPoolSize(64).setConnectTimeout((int) config.delivery().timeout().toMillis()));
        this.timeout = config.delivery().timeout();
    }

    public Uni<Answer> post(String url, Map<String, String> headers, String body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setTimeout(timeout.toMillis());
        headers.forEach(options::addHeader);
        return client.request(options)
                .flatMap(req -> req.send(Buffer.buffer(body)))
                .flatMap(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString(),
                        retryAfter(resp.getHeader("Retry-After")))))
                .ifNoItem().after(timeout.plusSeconds(1)).fail();
    }

    /** A result for a non-2xx answer: 429 and 5xx are worth retrying, other 4xx are not. */
    public static SendResult unsuccessful(String provider, Answer a) {
        String error = provider + " answered " + a.status() + ": " + abbreviate(a.body());
        return a.status() == 429 || a.status() >= 500 ? SendResult.retry(error, a.retryAfter())
                : SendResult.failed(error);
    }

    /** A result for a call that never got an answer (timeout, refused connection): worth retrying. */
    public static SendResult unreachable(String provider, Throwable e) {
        return SendResult.retry(provider + " unreachable: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + abbreviate(e.getMessage())), null);
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
