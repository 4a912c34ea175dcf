package dev.klaxon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Slack's Web API and Twilio's Messages API that keeps what it was sent and answers the look-ups the
 * notifier makes after a crash, as the real ones would: {@code chat.postMessage} (with message metadata),
 * {@code chat.update}, {@code conversations.open}, {@code conversations.list}, {@code conversations.history}, and
 * Twilio's {@code POST} and {@code GET .../Messages.json}. A message is kept as soon as it is received, before the
 * (optionally slow) answer, so a sender killed while waiting for the answer has in fact sent it.
 */
public final class ProviderStandIn implements AutoCloseable {

    /** A Slack message as posted. */
    public record SlackPost(String channel, String ts, String deliveryId, String incidentId, String text,
            Instant at) {
    }

    /** An SMS as Twilio took it. */
    public record Sms(String sid, String to, String from, String body, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "provider-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final List<SlackPost> posts = new CopyOnWriteArrayList<>();
    private final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    private final List<Sms> sms = new CopyOnWriteArrayList<>();
    private final Map<String, String> channelIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long delayMillis;

    public ProviderStandIn() {
        // answers must not wait for a delayed ACK (Nagle) on loopback
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/api/", this::slack);
        server.createContext("/2010-04-01/", this::twilio);
        server.start();
    }

    /** Where it listens: Slack's API is under {@code /api}, Twilio's at the root. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Each answer is sent this long after the request was received (and kept). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    public List<SlackPost> posts() {
        return List.copyOf(posts);
    }

    public List<JsonNode> updates() {
        return List.copyOf(updates);
    }

    public List<Sms> sms() {
        return List.copyOf(sms);
    }

    /** Everything it was sent so far: Slack posts and SMS. */
    public int received() {
        return posts.size() + sms.size();
    }

    /** Forgets what it was sent. */
    public void reset() {
        posts.clear();
        updates.clear();
        sms.clear();
    }

    private void slack(HttpExchange x) throws IOException {
        String method = x.getRequestURI().getPath().substring("/api/".length());
        String raw = read(x.getRequestBody());
        Map<String, String> form = isJson(x) ? Map.of() : form(raw);
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postMessage" -> {
                JsonNode body = JSON.readTree(raw);
                String channel = channelOf(body.path("channel").asText());
                String ts = Instant.now().getEpochSecond() + "." + String.format("%06d", sequence.incrementAndGet()
                        % 1_000_000);
                JsonNode payload = body.path("metadata").path("event_payload");
                posts.add(new SlackPost(channel, ts, payload.path("delivery_id").asText(null),
                        payload.path("incident_id").asText(null), body.path("text").asText(""), Instant.now()));
                answer.put("channel", channel).put("ts", ts);
            }
            case "chat.update" -> {
                JsonNode body = JSON.readTree(raw);
                updates.add(body);
                answer.put("channel", body.path("channel").asText()).put("ts", body.path("ts").asText());
            }
            case "conversations.open" -> answer.putObject("channel").put("id", channelOf(form.get("users")));
            case "conversations.list" -> {
                ArrayNode list = answer.putArray("channels");
                channelIds.forEach((name, id) -> {
                    if (name.startsWith("#")) {
                        list.addObject().put("id", id).put("name", name.substring(1));
                    }
                });
                answer.putObject("response_metadata").put("next_cursor", "");
            }
            case "conversations.history" -> {
                String channel = form.getOrDefault("channel", "");
                double oldest = Double.parseDouble(form.getOrDefault("oldest", "0"));
                ArrayNode messages = answer.putArray("messages");
                List<SlackPost> newestFirst = new ArrayList<>(posts);
                java.util.Collections.reverse(newestFirst);
                for (SlackPost p : newestFirst) {
                    if (p.channel().equals(channel) && Double.parseDouble(p.ts()) >= oldest) {
                        ObjectNode m = messages.addObject().put("type", "message").put("ts", p.ts())
                                .put("text", p.text());
                        if (p.deliveryId() != null) {
                            m.putObject("metadata").put("event_type", "klaxon_delivery").putObject("event_payload")
                                    .put("delivery_id", p.deliveryId()).put("incident_id", p.incidentId());
                        }
                    }
                }
                answer.put("has_more", false);
            }
            default -> answer.put("ok", false).put("error", "unknown_method");
        }
        respond(x, 200, answer.toString());
    }

    /** The conversation a post to this address lands in: a person's DM (D + their id), a named channel, an id. */
    private String channelOf(String address) {
        if (address.startsWith("U") || address.startsWith("W")) {
            return "D" + address.substring(1);
        }
        if (address.startsWith("#")) {
            return channelIds.computeIfAbsent(address, a -> "C" + Integer.toHexString(a.hashCode()).toUpperCase());
        }
        return address;
    }

    private void twilio(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().endsWith("/Messages.json")) {
            respond(x, 404, "{\"code\":20404,\"message\":\"not found\"}");
            return;
        }
        if ("POST".equals(x.getRequestMethod())) {
            Map<String, String> form = form(read(x.getRequestBody()));
            Sms m = new Sms("SM" + UUID.randomUUID().toString().replace("-", ""), form.get("To"), form.get("From"),
                    form.get("Body"), Instant.now());
            sms.add(m);
            respond(x, 201, message(m).put("status", "queued").toString());
            return;
        }
        Map<String, String> query = form(x.getRequestURI().getRawQuery() == null ? ""
                : x.getRequestURI().getRawQuery());
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("messages");
        List<Sms> newestFirst = new ArrayList<>(sms);
        java.util.Collections.reverse(newestFirst);
        for (Sms m : newestFirst) {
            if ((query.get("To") == null || query.get("To").equals(m.to()))
                    && (query.get("From") == null || query.get("From").equals(m.from()))) {
                list.add(message(m).put("status", "delivered"));
            }
        }
        respond(x, 200, page.toString());
    }

    private static ObjectNode message(Sms m) {
        ObjectNode o = JSON.createObjectNode().put("sid", m.sid()).put("to", m.to()).put("from", m.from())
                .put("body", m.body()).put("date_created", RFC_2822.format(m.at()));
        return o;
    }

    private void respond(HttpExchange x, int status, String body) throws IOException {
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static boolean isJson(HttpExchange x) {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/json");
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
