package dev.klaxon.importer.source;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.klaxon.importer.config.ImporterConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Builds the Quarkus REST clients for a base URL known only at run time, with fixed headers. */
public final class Clients {

    private Clients() {
    }

    public static <T> T build(Class<T> api, String baseUrl, Map<String, String> headers, ImporterConfig config) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(base))
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new Headers(headers)).build(api);
    }
}
