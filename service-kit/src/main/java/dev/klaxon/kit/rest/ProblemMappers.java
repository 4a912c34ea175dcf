package dev.klaxon.kit.rest;

import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Turns every failure of a request into problem+json; anything unexpected is a logged 500 without details. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
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
        return Problem.of(status, title, status >= 500 ? null : e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body")
                : "body";
        String message = e.getOriginalMessage();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return new Problem("about:blank", "Malformed JSON in " + field, 400, message,
                List.of(new Problem.FieldError(field, "cannot be read as JSON of the expected shape")))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
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

    /** "create.arg0.name" → "name". */
    private static String lastNode(String path) {
        String[] parts = path.split("\\.");
        int start = 0;
        while (start < parts.length - 1 && (parts[start].startsWith("arg") || parts[start].matches("[a-z]+[A-Z]?\\w*")
                && start < 2)) {
            start++;
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, Math.min(start, parts.length - 1),
                parts.length));
    }
}
