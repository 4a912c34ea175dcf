package dev.klaxon.importer.source;

import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds fixed headers (the source's authentication, its API version) to every request of a REST client. */
public final class Headers implements ClientRequestFilter {

    private final Map<String, String> headers;

    public Headers(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void filter(ClientRequestContext context) {
        headers.forEach((k, v) -> context.getHeaders().putSingle(k, v));
    }
}
