package dev.klaxon.importer;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON literals for the mapper tests. */
public final class TestJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The elements of a JSON array literal. */
    public static List<JsonNode> list(String array) {
        List<JsonNode> out = new ArrayList<>();
        json(array).forEach(out::add);
        return out;
    }
}
