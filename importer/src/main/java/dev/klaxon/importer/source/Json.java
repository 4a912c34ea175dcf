package dev.klaxon.importer.source;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Tolerant reading of third-party JSON: a missing or null field is null, never an exception. */
public final class Json {

    private Json() {
    }

    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    public static String textOr(JsonNode node, String field, String fallback) {
        String v = text(node, field);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.canConvertToLong() && !v.isTextual() ? null
                : v.isTextual() ? parseInt(v.asText()) : Integer.valueOf(v.asInt());
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? fallback : v.asBoolean(fallback);
    }

    /** The elements of an array field; empty when absent. */
    public static List<JsonNode> list(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** An ISO-8601 instant with an offset or Z ({@code 2026-01-05T09:00:00+01:00}); null when absent. */
    public static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        return v == null || v.isBlank() ? null : OffsetDateTime.parse(v).toInstant();
    }
}
