package dev.klaxon.ingest.webhook.rest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.klaxon.events.EventJson;
import dev.klaxon.kit.rest.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a body larger than {@code quarkus.http.limits.max-body-size} with a problem+json 413 like every other 4xx,
 * where Quarkus would answer an empty 413: a body announced too large by {@code Content-Length} is refused before it
 * is read; a chunked body (no {@code Content-Length}, not multipart) is read here up to the limit and handed on, or
 * refused as soon as it passes it.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus's own body-size check (route order -2). */
    static final int ORDER = -3;

    private final long maxBytes;
    private final String problem;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
        this.problem = EventJson.write(Problem.of(413, "Request body too large",
                "The body is over this service's limit of " + maxBytes + " bytes (KLAXON_MAX_BODY_SIZE); send "
                        + "fewer alerts per request."));
    }

    void install(@Observes Router router) {
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(ORDER).handler(ctx -> check(ctx, chunked)).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void check(RoutingContext ctx, BodyHandler chunked) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)
                && (type == null || !type.regionMatches(true, 0, "multipart/", 0, 10))) {
            // reads the body into the context (REST reads it from there), failing with 413 past the limit; not
            // multipart, whose parts Vert.x would decode instead of keeping the raw body the parsers read
            chunked.handle(ctx);
        } else if (length != null && tooLarge(length)) {
            refuse(ctx);
        } else {
            ctx.next();
        }
    }

    private void refuse(RoutingContext ctx) {
        var response = ctx.response();
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // the body is not read, so the connection cannot carry another request
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(v -> ctx.request().connection().close());
        }
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
