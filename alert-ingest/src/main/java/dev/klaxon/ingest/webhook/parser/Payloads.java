package dev.klaxon.ingest.webhook.parser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Small, strict readers for webhook JSON shared by the parsers. */
final class Payloads {

    private Payloads() {
    }

    /** A text field, or null when absent or JSON null; a non-scalar is a 400 naming the field. */
    static String text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new PayloadException(path + field, "must be a string");
        }
        return v.asText();
    }

    static String requiredText(JsonNode node, String field, String path) {
        String v = text(node, field, path);
        if (v == null || v.isBlank()) {
            throw new PayloadException(path + field, "is required");
        }
        return v;
    }

    /** A JSON object of scalars as a string map (insertion order kept); absent → empty. */
    static Map<String, String> stringMap(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new PayloadException(path + field, "must be an object of strings");
        }
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        return out;
    }

    /** A JSON object of numbers as a number map; non-numeric values are skipped. */
    static Map<String, Double> numberMap(JsonNode node, String field) {
        JsonNode v = node.get(field);
        Map<String, Double> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    out.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return out;
    }

    /** An RFC 3339 instant, or the fallback when absent or a zero time ("0001-01-01T00:00:00Z"). */
    static Instant instant(JsonNode node, String field, String path, Instant fallback) {
        String v = text(node, field, path);
        if (v == null || v.isBlank() || v.startsWith("0001-01-01")) {
            return fallback;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw new PayloadException(path + field, "must be an RFC 3339 time such as 2026-01-01T10:00:00Z");
            }
        }
    }

    /** A stable identity for an alert without a fingerprint: a hash of its sorted labels. */
    static String labelsFingerprint(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> sb.append(k).append('=').append(v).append('\u0000'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
