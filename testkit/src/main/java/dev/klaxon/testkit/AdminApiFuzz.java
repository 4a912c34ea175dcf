package dev.klaxon.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drives every operation a service's own OpenAPI document lists under {@code /api/v1} with requests a careless or
 * hostile caller could send: missing required fields, nulls, wrong types, huge strings, unknown enum values, malformed
 * UUIDs and instants in paths, queries and bodies, empty and malformed bodies, unknown fields, wrong content types.
 *
 * <p>Every answer must be below 500. A 4xx must be {@code application/problem+json}; when the request broke the
 * schema at a field (a missing required field, a wrong type, an unknown value), the problem must name that field, as
 * {@code errors[].field} or in its title. A change the schema allows (null for an optional field) may be refused for
 * whatever reason the valid request was refused, but never with a 5xx.
 */
public final class AdminApiFuzz {

    /** What a run covered, and what went wrong. */
    public record Report(int operations, int requests, Map<String, Integer> byStatusClass, List<String> failures) {

        /** "83 operations, 2,113 requests: {2xx=…, 4xx=…}". */
        public String summary() {
            return operations + " operations, " + requests + " requests: " + byStatusClass;
        }
    }

    /** One request to send, and what it tests. */
    private record Probe(String what, String method, String path, String contentType, String body,
            String offendingField, boolean mustBeRefused) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final int HUGE_LENGTH = 100_001;
    private static final String LONG_QUERY = "q".repeat(2_000);

    private final String baseUrl;
    private final String token;
    private final BiFunction<String, String, String> pathValues;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private JsonNode document;

    /**
     * @param pathValues for (path template, parameter name), a value that names something that exists (so the
     *        request gets past the lookup to its validation), or null for a random UUID
     */
    public AdminApiFuzz(String baseUrl, String token, BiFunction<String, String, String> pathValues) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.pathValues = pathValues;
    }

    public AdminApiFuzz(String baseUrl, String token) {
        this(baseUrl, token, (path, param) -> null);
    }

    /** Sends every probe of every operation; DELETEs go last so what exists stays there for the others. */
    public Report run() {
        document = fetchDocument();
        List<Probe> probes = new ArrayList<>();
        List<Probe> deletes = new ArrayList<>();
        int operations = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (!p.getKey().startsWith("/api/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                List<Probe> target = op.getKey().equals("delete") ? deletes : probes;
                target.addAll(probes(p.getKey(), op.getKey().toUpperCase(Locale.ROOT), op.getValue()));
            }
        }
        probes.addAll(deletes);
        Map<String, Integer> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            HttpResponse<String> r = send(probe);
            tally.merge(r.statusCode() / 100 + "xx", 1, Integer::sum);
            String problem = judge(probe, r);
            if (problem != null) {
                failures.add(probe.method() + " " + probe.path() + " [" + probe.what() + "]: " + problem);
            }
        }
        return new Report(operations, probes.size(), tally, failures);
    }

    private String judge(Probe probe, HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "answered " + status + " " + abbreviate(r.body());
        }
        if (status < 400) {
            return probe.mustBeRefused() ? "accepted (" + status + ") although " + probe.offendingField()
                    + " breaks the schema" : null;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return status + " is not problem+json but '" + type + "': " + abbreviate(r.body());
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return status + " problem+json that is not JSON: " + abbreviate(r.body());
        }
        if (body == null || body.path("title").asText("").isBlank()) {
            return status + " problem without a title: " + abbreviate(r.body());
        }
        if (probe.mustBeRefused() && status != 404 && status != 405 && status != 415 && status != 413
                && !names(body, probe.offendingField())) {
            return status + " does not name " + probe.offendingField() + ": " + abbreviate(r.body());
        }
        return null;
    }

    /** True when the problem names the field: as an error's field, or a field under it or it under one, or in the title. */
    private static boolean names(JsonNode problem, String field) {
        for (JsonNode e : problem.path("errors")) {
            String f = e.path("field").asText("");
            if (f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")
                    || field.startsWith(f + ".") && !f.isEmpty() || field.startsWith(f + "[") && !f.isEmpty()) {
                return true;
            }
        }
        return problem.path("title").asText("").contains(field);
    }

    private List<Probe> probes(String template, String method, JsonNode op) {
        List<Probe> out = new ArrayList<>();
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        Map<String, String> pathArgs = new LinkedHashMap<>();
        for (JsonNode p : params) {
            if ("path".equals(p.path("in").asText())) {
                String name = p.path("name").asText();
                String known = method.equals("DELETE") ? null : pathValues.apply(template, name);
                pathArgs.put(name, known != null ? known : UUID.randomUUID().toString());
            }
        }
        JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
        boolean hasBody = !bodySchema.isMissingNode();
        boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false) || hasBody;
        JsonNode resolvedBody = hasBody ? resolve(bodySchema) : null;
        String validBody = hasBody ? write(example(resolvedBody, 0)) : null;
        String valid = fill(template, pathArgs, Map.of());
        String type = hasBody ? "application/json" : null;

        out.add(new Probe("as documented", method, valid, type, validBody, null, false));
        // path parameters: not UUIDs, and very long
        for (JsonNode p : params) {
            if (!"path".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            boolean uuid = "uuid".equals(resolve(p.path("schema")).path("format").asText());
            for (String bad : List.of("not-a-uuid", "%27%22%3E%3C", "1", LONG_QUERY.substring(0, 300))) {
                Map<String, String> args = new LinkedHashMap<>(pathArgs);
                args.put(name, bad);
                out.add(new Probe("path " + name + "=" + abbreviate(bad), method, fill(template, args, Map.of()),
                        type, validBody, name, uuid));
            }
        }
        // query parameters: the wrong type, an unknown value, too long
        for (JsonNode p : params) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            JsonNode schema = resolve(p.path("schema"));
            for (Map.Entry<String, Boolean> bad : badScalars(schema).entrySet()) {
                out.add(new Probe("query " + name + "=" + abbreviate(bad.getKey()), method,
                        fill(template, pathArgs, Map.of(name, bad.getKey())), type, validBody, name, bad.getValue()));
            }
            out.add(new Probe("query " + name + " long", method, fill(template, pathArgs, Map.of(name, LONG_QUERY)),
                    type, validBody, name, false));
        }
        if (!hasBody) {
            if (!method.equals("GET") && !method.equals("DELETE")) {
                out.add(new Probe("unexpected text body", method, valid, "text/plain", "hello", null, false));
            }
            return out;
        }
        // the body as a whole
        for (String raw : List.of("", "{", "[]", "null", "\"text\"", "42", "{\"a\":", "\u0000", "[{}]")) {
            out.add(new Probe("body " + abbreviate(raw), method, valid, "application/json", raw, "body",
                    bodyRequired && !(raw.equals("[{}]") && "array".equals(resolvedBody.path("type").asText()))));
        }
        out.add(new Probe("wrong content type text/plain", method, valid, "text/plain", validBody, "body", true));
        out.add(new Probe("wrong content type xml", method, valid, "application/xml", "<a/>", "body", true));
        out.add(new Probe("no content type", method, valid, null, validBody, "body", false));
        // field by field
        if (resolvedBody.has("properties")) {
            fieldProbes(method, valid, resolvedBody, "", (ObjectNode) example(resolvedBody, 0), out, 0);
            ObjectNode unknown = ((ObjectNode) example(resolvedBody, 0)).deepCopy();
            unknown.put("zzNotAField", 1);
            out.add(new Probe("unknown field", method, valid, "application/json", write(unknown), "zzNotAField",
                    true));
        }
        return out;
    }

    /** Probes for each property of an object schema, recursing into nested objects and arrays of objects. */
    private void fieldProbes(String method, String path, JsonNode schema, String prefix, ObjectNode root,
            List<Probe> out, int depth) {
        if (depth > 3) {
            return;
        }
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> prop = props.next();
            String name = prop.getKey();
            String field = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode ps = resolve(prop.getValue());
            if (required.contains(name)) {
                out.add(new Probe("without " + field, method, path, "application/json",
                        write(with(root, field, null, true)), field, true));
            }
            boolean nullable = ps.path("nullable").asBoolean(false);
            out.add(new Probe(field + "=null", method, path, "application/json",
                    write(with(root, field, NODES.nullNode(), false)), field, required.contains(name) && !nullable));
            for (Map.Entry<JsonNode, Boolean> bad : badValues(ps).entrySet()) {
                out.add(new Probe(field + "=" + abbreviate(bad.getKey().toString()), method, path,
                        "application/json", write(with(root, field, bad.getKey(), false)), field, bad.getValue()));
            }
            String type = ps.path("type").asText();
            if (type.equals("object") && ps.has("properties")) {
                ObjectNode nested = at(root, field) instanceof ObjectNode ? root.deepCopy()
                        : with(root, field, example(ps, depth + 1), false);
                fieldProbes(method, path, ps, field, nested, out, depth + 1);
            } else if (type.equals("array")) {
                JsonNode items = resolve(ps.path("items"));
                out.add(new Probe(field + "=[null]", method, path, "application/json",
                        write(with(root, field, NODES.arrayNode().addNull(), false)), field + "[0]", false));
                for (Map.Entry<JsonNode, Boolean> bad : badValues(items).entrySet()) {
                    out.add(new Probe(field + "[0]=" + abbreviate(bad.getKey().toString()), method, path,
                            "application/json", write(with(root, field, NODES.arrayNode().add(bad.getKey()), false)),
                            field + "[0]", bad.getValue()));
                }
                if ("object".equals(items.path("type").asText()) && items.has("properties")) {
                    ObjectNode nested = with(root, field, NODES.arrayNode().add(example(items, depth + 1)), false);
                    fieldProbes(method, path, items, field + "[0]", nested, out, depth + 1);
                }
            }
        }
    }

    /** Values of the wrong kind for a schema, each with whether the schema forbids it. */
    private static Map<JsonNode, Boolean> badValues(JsonNode schema) {
        Map<JsonNode, Boolean> out = new LinkedHashMap<>();
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        switch (type) {
            case "string" -> {
                out.put(NODES.objectNode().put("a", 1), true);
                out.put(NODES.arrayNode().add(1), true);
                out.put(NODES.textNode("x".repeat(Math.max(HUGE_LENGTH, schema.path("maxLength").asInt(0) + 1))),
                        schema.has("maxLength"));
                out.put(NODES.textNode(""), schema.path("minLength").asInt(0) > 0 || schema.has("enum")
                        || format.equals("uuid") || format.equals("date-time") || format.equals("date"));
                if (schema.has("enum")) {
                    out.put(NODES.textNode("NOT_A_VALUE"), true);
                }
                if (format.equals("uuid")) {
                    out.put(NODES.textNode("not-a-uuid"), true);
                }
                if (format.equals("date-time")) {
                    out.put(NODES.textNode("yesterday"), true);
                }
                if (format.equals("date")) {
                    out.put(NODES.textNode("2026-13-45"), true);
                }
                out.put(NODES.textNode("\u0000\uFFFF'\"<script>"), false);
            }
            case "integer", "number" -> {
                out.put(NODES.textNode("abc"), true);
                out.put(NODES.objectNode(), true);
                out.put(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), type.equals("integer"));
                out.put(NODES.numberNode(-1), schema.has("minimum") && schema.path("minimum").asDouble() > -1);
                if (type.equals("integer")) {
                    out.put(NODES.numberNode(1.5), false);
                }
            }
            case "boolean" -> {
                out.put(NODES.textNode("maybe"), true);
                out.put(NODES.objectNode(), true);
            }
            case "array" -> {
                out.put(NODES.textNode("not-a-list"), true);
                out.put(NODES.objectNode().put("a", 1), true);
            }
            case "object" -> {
                out.put(NODES.textNode("not-an-object"), true);
                out.put(NODES.arrayNode().add(1), true);
            }
            default -> {
                // no type: anything goes, but never a 5xx
                out.put(NODES.textNode("x".repeat(HUGE_LENGTH)), false);
                out.put(NODES.arrayNode().add(NODES.objectNode()), false);
            }
        }
        return out;
    }

    /** Query parameter values that are wrong for a scalar schema, each with whether the schema forbids it. */
    private static Map<String, Boolean> badScalars(JsonNode schema) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (type.equals("integer") || type.equals("number")) {
            out.put("abc", true);
            out.put("99999999999999999999999", true);
            out.put("-1", false);
        } else if (type.equals("boolean")) {
            out.put("maybe", true);
        } else {
            if (schema.has("enum")) {
                out.put("NOT_A_VALUE", true);
            }
            if (format.equals("uuid")) {
                out.put("not-a-uuid", true);
            }
            if (format.equals("date-time")) {
                out.put("yesterday", true);
            }
            out.put("abc", false);
            out.put("-1", false);
            out.put("'\"><", false);
            out.put("2026-99-99T99:99:99Z", false);
        }
        return out;
    }

    /** A value the schema accepts, as plausible as the schema lets it be. */
    private JsonNode example(JsonNode raw, int depth) {
        JsonNode schema = resolve(raw);
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        return switch (type) {
            case "string" -> schema.has("pattern") && literalChoice(schema.get("pattern").asText()) != null
                    ? NODES.textNode(literalChoice(schema.get("pattern").asText())) : switch (format) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode(Instant.now().plusSeconds(3600).toString());
                case "date" -> NODES.textNode(LocalDate.now().toString());
                default -> NODES.textNode("fuzz");
            };
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asDouble(1)));
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode();
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth < 4) {
                    schema.path("required").forEach(r -> o.set(r.asText(),
                            example(schema.path("properties").path(r.asText()), depth + 1)));
                }
                yield o;
            }
            default -> NODES.objectNode();
        };
    }

    /** The first alternative of a pattern that only lists literals ({@code =|!=|=~}), else null. */
    private static String literalChoice(String pattern) {
        String first = pattern.split("\\|", -1)[0];
        return first.isEmpty() || first.matches(".*[\\\\()\\[\\]{}*+?.^$].*") ? null : first;
    }

    /** The schema itself, with {@code $ref}s and single {@code allOf}s followed. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10; i++) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                s = document.at(ref.substring(1));
            } else if (s.has("allOf") && s.get("allOf").size() == 1) {
                s = s.get("allOf").get(0);
            } else {
                break;
            }
        }
        return s;
    }

    /** A copy of the root with the field at a dotted path (with [0] for arrays) set, or removed. */
    private static ObjectNode with(ObjectNode root, String field, JsonNode value, boolean remove) {
        ObjectNode copy = root.deepCopy();
        String[] parts = field.split("\\.");
        JsonNode cursor = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            cursor = child(cursor, parts[i]);
            if (cursor == null) {
                return copy;
            }
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[0]")) {
            cursor = child(cursor, last.substring(0, last.length() - 3));
            if (cursor instanceof ArrayNode a) {
                if (remove) {
                    a.remove(0);
                } else {
                    a.set(0, value);
                }
            }
        } else if (cursor instanceof ObjectNode o) {
            if (remove) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        }
        return copy;
    }

    /** The node at a dotted path (with [0] for arrays), or null. */
    private static JsonNode at(JsonNode root, String field) {
        JsonNode cursor = root;
        for (String part : field.split("\\.")) {
            cursor = cursor == null ? null : child(cursor, part);
        }
        return cursor;
    }

    private static JsonNode child(JsonNode node, String part) {
        if (part.endsWith("[0]")) {
            JsonNode list = node.get(part.substring(0, part.length() - 3));
            return list instanceof ArrayNode a && a.size() > 0 ? a.get(0) : null;
        }
        return node.get(part);
    }

    private static String fill(String template, Map<String, String> pathArgs, Map<String, String> query) {
        String path = template;
        for (Map.Entry<String, String> e : pathArgs.entrySet()) {
            String v = e.getValue();
            path = path.replace("{" + e.getKey() + "}", v.contains("%") ? v : URLEncoder.encode(v,
                    StandardCharsets.UTF_8));
        }
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return path + q;
    }

    private HttpResponse<String> send(Probe probe) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + probe.path()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json, */*");
        if (probe.contentType() != null) {
            b.header("Content-Type", probe.contentType());
        }
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body());
        b.method(probe.method(), body);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(probe.method() + " " + probe.path() + " [" + probe.what() + "] failed: "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode fetchDocument() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("no OpenAPI document at " + baseUrl + "/q/openapi: " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…(" + one.length() + " chars)" : one;
    }
}
