package dev.klaxon.notifier.response.rest;

import dev.klaxon.events.IncidentCommand;
import dev.klaxon.notifier.response.AckTokens;
import dev.klaxon.notifier.response.AckTokens.AckToken;
import dev.klaxon.notifier.response.service.ResponseCommands;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The acknowledge link in page emails. {@code GET} checks the signed token and shows a one-button page; the
 * button's {@code POST} acknowledges. Two steps because mail scanners open every link in a message, and a page
 * must not be acknowledged by a scanner. A forged or expired token gets a 401.
 */
@Path("/ack/{token}")
@Produces(MediaType.TEXT_HTML)
public class AckLinkResource {

    private final AckTokens tokens;
    private final ResponseCommands commands;

    public AckLinkResource(AckTokens tokens, ResponseCommands commands) {
        this.tokens = tokens;
        this.commands = commands;
    }

    @GET
    public Response confirm(@PathParam("token") String token) {
        return tokens.verify(token).map(t -> Response.ok(page("Acknowledge INC-" + t.incidentNumber() + "?",
                "<form method=\"post\"><button type=\"submit\" style=\"font-size:18px;padding:10px 24px\">"
                        + "Acknowledge INC-" + t.incidentNumber() + "</button></form>"
                        + "<p>This stops the escalation: nobody else is paged while you work on it.</p>")).build())
                .orElseGet(AckLinkResource::invalid);
    }

    @POST
    public Uni<Response> acknowledge(@PathParam("token") String token) {
        var verified = tokens.verify(token);
        if (verified.isEmpty()) {
            return Uni.createFrom().item(invalid());
        }
        AckToken t = verified.get();
        String actor = t.recipient() == null ? "email link" : t.recipient();
        return commands.send(IncidentCommand.Action.ACKNOWLEDGE, t.incidentId(), t.incidentNumber(), actor, "email",
                null)
                .map(x -> Response.ok(page(ResponseCommands.confirmation(IncidentCommand.Action.ACKNOWLEDGE,
                        "INC-" + t.incidentNumber()), "")).build());
    }

    private static Response invalid() {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML)
                .entity(page("This link is not valid or has expired", "<p>Acknowledge from Slack, by SMS reply or "
                        + "in the Klaxon API instead.</p>")).build();
    }

    private static String page(String heading, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>" + Forms.xml(heading)
                + "</title></head><body style=\"font-family:sans-serif;margin:40px\"><h1>" + Forms.xml(heading)
                + "</h1>" + body + "</body></html>";
    }
}
