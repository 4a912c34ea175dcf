package dev.klaxon.ingest.webhook.parser;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook request as the parsers see it: the body read as JSON (form and query-string senders are turned into a
 * JSON object of strings), headers with lower-case names, and the query parameters.
 */
public record WebhookRequest(JsonNode body, String rawBody, Map<String, String> headers, Map<String, String> query) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
