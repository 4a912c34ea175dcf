package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;

/** Reads one sender's webhook body into canonical alerts; one per source alert, none for test or no-op messages. */
public interface PayloadParser {

    SourceType sourceType();

    /**
     * @throws PayloadException naming the field when the body is not this sender's format
     */
    List<NormalizedAlert> parse(JsonNode body, Integration integration, Instant receivedAt);
}
