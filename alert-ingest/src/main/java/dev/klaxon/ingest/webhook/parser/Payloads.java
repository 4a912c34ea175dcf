package dev.klaxon.ingest.webhook.parser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
            return java.time.OffsetDateTime.parse(withColonOffset(v.trim())).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new PayloadException(path + field, "must be an RFC 3339 time such as 2026-01-01T10:00:00Z");
        }
    }

    private static final java.util.regex.Pattern GO_TIME = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})(\\.\\d+)? ([+-]\\d{4}).*");

    /**
     * A time a sender may format loosely: RFC 3339, Go's default {@code 2006-01-02 15:04:05.999 +0000 UTC}, unix
     * seconds, or a zone-less ISO local time taken as UTC; anything else (or a zero time) gives the fallback.
     */
    static Instant lenientInstant(JsonNode node, String field, Instant fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isNumber()) {
            long seconds = v.asLong();
            // beyond ±10,000 years is no time a sender meant
            return Math.abs(seconds) < 315_000_000_000L ? Instant.ofEpochSecond(seconds) : fallback;
        }
        String s = v.asText().trim();
        if (s.isEmpty() || s.startsWith("0001-01-01")) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse(withColonOffset(s)).toInstant();
        } catch (java.time.DateTimeException e) {
            // try the other shapes below
        }
        var go = GO_TIME.matcher(s);
        if (go.matches()) {
            String fraction = go.group(3) == null ? "" : go.group(3).substring(0, Math.min(go.group(3).length(), 10));
            String offset = go.group(4).substring(0, 3) + ":" + go.group(4).substring(3);
            try {
                return java.time.OffsetDateTime.parse(go.group(1) + "T" + go.group(2) + fraction + offset).toInstant();
            } catch (java.time.DateTimeException e) {
                return fallback;
            }
        }
        if (s.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return java.time.LocalDateTime.parse(s.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        }
        if (s.matches("\\d{9,11}")) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        try {
            return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    /** "2015-07-17T08:42:58.315+0000" → "...+00:00", the offset form java.time reads. */
    private static String withColonOffset(String s) {
        return s.matches(".*T.*[+-]\\d{4}") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s;
    }

    /** The text at a path of nested objects ("data", "issue", "id"), or null when any step is missing. */
    static String at(JsonNode node, String... path) {
        JsonNode v = node;
        for (String p : path) {
            if (v == null || !v.isObject()) {
                return null;
            }
            v = v.get(p);
        }
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The first of the values that is not blank. */
    static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Decodes the HTML entities some senders leave in names ({@code &#40;}, {@code &#x28;}, {@code &amp;}). */
    static String htmlDecode(String s) {
        if (s == null || s.indexOf('&') < 0) {
            return s;
        }
        var m = java.util.regex.Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
                }
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Lower-case hex HMAC-SHA256 of the text with the key. */
    static String hmacSha256Hex(String key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two strings. */
    static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.trim().getBytes(StandardCharsets.UTF_8));
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
