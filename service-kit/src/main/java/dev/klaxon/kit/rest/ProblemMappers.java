package dev.klaxon.kit.rest;

import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Turns every failure of a request into problem+json. Invalid input is a 400 naming each offending field as a path
 * ({@code conditions.labels[0].op}); anything unexpected is a logged 500 without details.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal error" : "Request failed";
        };
        if (status == 400) {
            // the framework could not read the request's body (the only 400 it raises without a cause we map)
            return new Problem("about:blank", "Invalid request: body cannot be read", 400, e.getMessage(),
                    List.of(new Problem.FieldError("body", "cannot be read as JSON of the expected shape")))
                    .toResponse();
        }
        return Problem.of(status, title, status >= 500 ? null : e.getMessage()).toResponse();
    }

    /** Malformed JSON, an unknown field, a value of the wrong type: a 400 naming where in the body. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m)
                : e instanceof InputCoercionException c ? path(c) : "body";
        String message;
        if (e instanceof InputCoercionException) {
            message = "is a number out of range";
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f) {
            message = "has a value that cannot be read as " + readable(f.getTargetType());
        } else if (e instanceof ValueInstantiationException) {
            message = "has a value that is not allowed here";
        } else if (e instanceof MismatchedInputException m) {
            message = m.getTargetType() == null || field.equals("body") ? "cannot be read as JSON of the expected shape"
                    : "must be " + readable(m.getTargetType());
        } else if (e instanceof JsonMappingException) {
            message = "has the wrong type";
        } else {
            message = "is not well-formed JSON";
        }
        return new Problem("about:blank", "Invalid request: " + field + " " + message, 400, null,
                List.of(new Problem.FieldError(field, message))).toResponse();
    }

    /** Declared so that the more specific built-in Jackson mapper of Quarkus REST does not answer in its own shape. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String title = errors.isEmpty() ? "Invalid request"
                : "Invalid request: " + errors.get(0).field() + " " + errors.get(0).message();
        return new Problem("about:blank", title, 400, null, errors).toResponse();
    }

    @ServerExceptionMapper
    public Response database(io.vertx.pgclient.PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        if (state.equals("23505")) {
            return Problem.of(409, "Already exists", "Something with the same unique name or key exists.")
                    .toResponse();
        }
        if (state.equals("23503")) {
            return Problem.of(409, "Still referenced", "Other records refer to it, or it refers to one that does "
                    + "not exist.").toResponse();
        }
        if (state.startsWith("22")) {
            return Problem.of(400, "Value out of range or malformed", null).toResponse();
        }
        LOG.error("database failure while handling a request", e);
        return Problem.of(503, "Database unavailable", "The request can be retried.").toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure while handling a request", e);
        return Problem.of(500, "Internal error", "The failure was logged; the request can be retried.").toResponse();
    }

    /**
     * The field a violation is about, as a path into the request: the method and parameter nodes are left out
     * ({@code create.body.conditions.labels[0].op} → {@code conditions.labels[0].op}); a violation of the parameter
     * itself (a missing body, a bad query parameter) is named by the parameter.
     */
    static String field(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        Path.MethodNode method = null;
        for (Path.Node n : v.getPropertyPath()) {
            ElementKind kind = n.getKind();
            if (kind == ElementKind.METHOD) {
                method = n.as(Path.MethodNode.class);
                continue;
            }
            if (kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = isEntity(v.getRootBeanClass(), method, n.as(Path.ParameterNode.class)) ? "body"
                        : n.getName();
                continue;
            }
            if (n.isInIterable()) {
                sb.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN && n.getName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(n.getName());
            }
        }
        if (sb.length() == 0) {
            return parameter == null ? "body" : parameter;
        }
        return sb.charAt(0) == '[' && parameter != null ? parameter + sb : sb.toString();
    }

    /**
     * True when the parameter is the request's body: a resource method's parameter that takes no value from the
     * path, query, headers, form or context. Its Java name is not the caller's word; "body" is.
     */
    private static boolean isEntity(Class<?> resource, Path.MethodNode method, Path.ParameterNode parameter) {
        if (resource == null || method == null) {
            return false;
        }
        Class<?> declared = resource;
        while (declared.getSuperclass() != null && (declared.getName().endsWith("_Subclass")
                || declared.getName().endsWith("_ClientProxy"))) {
            declared = declared.getSuperclass(); // CDI's generated subclass repeats no parameter annotation
        }
        try {
            java.lang.reflect.Method m = declared.getMethod(method.getName(),
                    method.getParameterTypes().toArray(Class<?>[]::new));
            for (java.lang.annotation.Annotation a : m.getParameters()[parameter.getParameterIndex()]
                    .getAnnotations()) {
                String type = a.annotationType().getName();
                if (type.startsWith("jakarta.ws.rs.") && !type.equals("jakarta.ws.rs.DefaultValue")
                        || type.startsWith("org.jboss.resteasy.reactive.Rest")) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchMethodException | RuntimeException e) {
            return false;
        }
    }

    /** The JSON path of a mapping failure: {@code matchers[2].op}; the body itself when the failure is at the top. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        if (sb.length() == 0 && e instanceof UnrecognizedPropertyException u) {
            return u.getPropertyName();
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    /** Where the parser was when a number did not fit its type: {@code actions.position}. */
    static String path(InputCoercionException e) {
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser == null) {
            return "body";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot();
                c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String readable(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "an instant such as 2026-11-24T09:00:00Z";
            case "LocalDateTime" -> "a local date-time such as 2026-11-24T09:00:00";
            case "LocalDate" -> "a date such as 2026-11-24";
            case "LocalTime" -> "a time of day such as 09:00";
            case "Integer", "int", "Long", "long", "Short", "short" -> "a whole number";
            case "Double", "double", "Float", "float", "BigDecimal" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            default -> "an object";
        };
    }
}
