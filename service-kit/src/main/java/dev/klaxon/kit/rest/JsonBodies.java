package dev.klaxon.kit.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.klaxon.events.EventJson;

/**
 * Reads admin API request bodies strictly: an unknown field or a value of the wrong type is a 400 that names the
 * field (as a JSON path such as {@code matchers[2].op}), never a silently ignored typo.
 */
public final class JsonBodies {

    private static final ObjectMapper STRICT = EventJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBodies() {
    }

    public static <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        try {
            return STRICT.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest(path(e, e.getPropertyName()), "is not a known field");
        } catch (JsonMappingException e) {
            throw ProblemException.badRequest(path(e, null), "has the wrong type");
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ProblemException.badRequest("body", "cannot be read");
        }
    }

    private static String path(JsonMappingException e, String last) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        if (sb.length() == 0 && last != null) {
            return last;
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }
}
