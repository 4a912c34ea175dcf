package dev.klaxon.ingest.webhook;

import java.util.Map;

/** A webhook request as it arrived: method, body text, content type, headers (lower-case names), query parameters. */
public record RawRequest(String method, String body, String contentType, Map<String, String> headers, Map<String, String> query) {
}
