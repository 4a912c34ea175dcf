package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;

/** Builds what a parser is given, for plain unit tests. */
final class ParserFixtures {

    static final Instant RECEIVED = Instant.parse("2026-11-24T10:00:00Z");

    private ParserFixtures() {
    }

    static Integration integration(SourceType type, String secret) {
        return new Integration(UUID.fromString("11111111-1111-1111-1111-111111111111"), "test", type, "checkout",
                "key", secret, true, true, RECEIVED, RECEIVED, null);
    }

    static WebhookRequest json(String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        }
        try {
            return new WebhookRequest(EventJson.mapper().readTree(body), body, h, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<NormalizedAlert> parse(PayloadParser parser, String body, String... headers) {
        return parser.parse(json(body, headers), integration(parser.sourceType(), null), RECEIVED);
    }
}
