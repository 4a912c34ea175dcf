package dev.klaxon.kit.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Path and query parameters that are not what they must be are a 400 naming the parameter ("id must be a UUID"), not
 * the bare 404 JAX-RS gives for a parameter it cannot convert.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Checked<>(name, "must be a UUID", UUID::fromString, UUID::toString);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Checked<>(name, "must be a whole number", Integer::valueOf,
                    String::valueOf);
        }
        return null;
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return "parameter";
    }

    /** Converts with a parser; a value the parser refuses is a problem naming the parameter. */
    private record Checked<T>(String name, String rule, java.util.function.Function<String, T> parse,
            java.util.function.Function<T, String> format) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (RuntimeException e) {
                throw ProblemException.badRequest(name, rule);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : format.apply(value);
        }
    }
}
