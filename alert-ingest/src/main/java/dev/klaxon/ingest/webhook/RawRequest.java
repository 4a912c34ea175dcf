package dev.klaxon.ingest.webhook;

import java.util.Map;

/** A webhook request as it arrived: body text, content type, headers (lower-case names) and query parameters. */
public record RawRequest(String body, String contentType, Map<String, String> headers, Map<String, String> query) {
}
