package dev.klaxon.notifier.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.klaxon.notifier.config.ProvidersConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The HTTP client of the Slack and Twilio senders: non-blocking calls with the configured timeout, answering status,
 * body and Retry-After. Built on the Vert.x core client (the Mutiny WebClient binding is not among the project's
 * dependencies). Never logs: headers carry credentials.
 */
@ApplicationScoped
public class ProviderHttp {

    /** A provider's answer. */
    public record Answer(int status, String body, Duration retryAfter) {
    }

    private final HttpClient client;
    private final Duration timeout;

    public ProviderHttp(Vertx vertx, ProvidersConfig config) {
        this.timeout = config.timeout();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(32)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    public Uni<Answer> post(String url, Map<String, String> headers, String body) {
        return call(HttpMethod.POST, url, headers, body);
    }

    public Uni<Answer> get(String url, Map<String, String> headers) {
        return call(HttpMethod.GET, url, headers, null);
    }

    private Uni<Answer> call(HttpMethod method, String url, Map<String, String> headers, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::addHeader);
        return client.request(options)
                .flatMap(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString(),
                        retryAfter(response.getHeader("Retry-After"), Instant.now()))))
                .ifNoItem().after(timeout).fail();
    }

    /** The result for a non-2xx answer: 429 and 5xx may pass later, any other refusal will not. */
    public static SendResult unsuccessful(String provider, Answer a) {
        String error = provider + " answered " + a.status() + ": " + abbreviate(a.body());
        return a.status() == 429 || a.status() >= 500 ? SendResult.retry(error, a.retryAfter())
                : SendResult.failed(error);
    }

    /** The result for a call that got no answer (refused connection, timeout): worth retrying. */
    public static SendResult unreachable(String provider, Throwable e) {
        String reason = e instanceof io.smallrye.mutiny.TimeoutException ? "no answer within the timeout"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage()));
        return SendResult.retry(provider + " unreachable: " + reason, null);
    }

    /** A form body: {@code a=1&b=2}, each value URL-encoded. */
    public static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(header.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
