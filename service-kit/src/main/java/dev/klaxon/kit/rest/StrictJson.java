package dev.klaxon.kit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How admin API bodies are read: an empty string is not silently taken for "absent" where a UUID, an instant, a
 * number or an enum is expected, but is a 400 naming the field (unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties}). Webhooks and Kafka events are read by their own tolerant
 * mappers, not by this one.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
}
