package dev.klaxon.kit.rest;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;

/** Thrown by resources and services to answer with a specific problem document. */
public class ProblemException extends WebApplicationException {

    private final transient Problem problem;

    public ProblemException(int status, String title, String detail) {
        this(new Problem("about:blank", title, status, detail, null));
    }

    public ProblemException(Problem problem) {
        this(problem, problem.toResponse());
    }

    private ProblemException(Problem problem, jakarta.ws.rs.core.Response response) {
        super(problem.title(), response);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Invalid request: " + field + " " + message, 400,
                null, List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, what + " not found", null);
    }

    /** 503 with {@code Retry-After}: the request was not taken and the sender should try again later. */
    public static ProblemException unavailable(String title, String detail, int retryAfterSeconds) {
        Problem p = Problem.of(503, title, detail);
        return new ProblemException(p, jakarta.ws.rs.core.Response.fromResponse(p.toResponse())
                .header("Retry-After", Integer.toString(retryAfterSeconds)).build());
    }

    /** 429 with {@code Retry-After}. */
    public static ProblemException tooManyRequests(String title, int retryAfterSeconds) {
        Problem p = Problem.of(429, title, null);
        return new ProblemException(p, jakarta.ws.rs.core.Response.fromResponse(p.toResponse())
                .header("Retry-After", Integer.toString(retryAfterSeconds)).build());
    }

    /** 401: a signature, token or credential did not verify. */
    public static ProblemException unauthorized(String title) {
        return new ProblemException(401, title, null);
    }

    public static ProblemException conflict(String title) {
        return new ProblemException(409, title, null);
    }
}
