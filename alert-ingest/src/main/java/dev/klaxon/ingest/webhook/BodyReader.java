package dev.klaxon.ingest.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.klaxon.ingest.webhook.parser.PayloadException;

/**
 * Reads a webhook body as JSON whatever way the sender encoded it: JSON, a form, or multipart with a JSON
 * {@code data} field (Uptime Kuma). Deep nesting and huge strings are refused before they cost anything.
 */
final class BodyReader {

    /** Deeper JSON than any real sender posts is refused rather than parsed. */
    static final int MAX_NESTING = 32;

    private final ObjectMapper mapper = new ObjectMapper();

    BodyReader() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxStringLength(1_000_000).maxNumberLength(100).build());
    }

    /** The body as JSON; an empty body is a missing node (senders that use the query string only). */
    JsonNode read(RawRequest raw) {
        String body = raw.body() == null ? "" : raw.body();
        String type = raw.contentType() == null ? "" : raw.contentType().toLowerCase(Locale.ROOT);
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return form(body);
        }
        if (type.startsWith("multipart/form-data")) {
            return multipart(body, type);
        }
        return json(body, "body");
    }

    JsonNode json(String text, String field) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new PayloadException(field, "is empty; a JSON document is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            throw new PayloadException(field, "is not valid JSON: "
                    + (message.length() > 160 ? message.substring(0, 160) + "…" : message));
        }
    }

    private ObjectNode form(String body) {
        ObjectNode out = mapper.createObjectNode();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw new PayloadException("body", "is not a valid form encoding");
            }
        }
        return out;
    }

    /** Multipart: a {@code data} part holding JSON is the body; other parts become string fields. */
    private JsonNode multipart(String body, String type) {
        int at = type.indexOf("boundary=");
        if (at < 0) {
            throw new PayloadException("Content-Type", "multipart/form-data needs a boundary");
        }
        String boundary = "--" + type.substring(at + 9).replace("\"", "").split(";")[0].trim();
        ObjectNode out = mapper.createObjectNode();
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            int skip = 4;
            if (split < 0) {
                split = part.indexOf("\n\n");
                skip = 2;
            }
            if (split < 0) {
                continue;
            }
            var name = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(part.substring(0, split));
            if (!name.find()) {
                continue;
            }
            String value = part.substring(split + skip).replaceAll("\r?\n$", "");
            if (name.group(1).equals("data")) {
                JsonNode data = json(value, "data");
                if (data.isObject()) {
                    return data;
                }
            }
            out.put(name.group(1), value);
        }
        return out;
    }
}
