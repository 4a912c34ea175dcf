package dev.klaxon.importer.opsgenie;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The parts of the Opsgenie REST API v2 the importer reads ({@code Authorization: GenieKey <key>}); answers wrap their
 * content in {@code data}; the user list pages with {@code limit}/{@code offset} and a {@code paging.next} link.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/v2")
public interface OpsgenieApi {

    @GET
    @Path("/users")
    JsonNode users(@QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/users/{id}/contacts")
    JsonNode contacts(@PathParam("id") String id);

    @GET
    @Path("/users/{id}/notification-rules")
    JsonNode notificationRules(@PathParam("id") String id);

    @GET
    @Path("/users/{id}/notification-rules/{ruleId}")
    JsonNode notificationRule(@PathParam("id") String id, @PathParam("ruleId") String ruleId);

    @GET
    @Path("/teams")
    JsonNode teams();

    @GET
    @Path("/teams/{id}")
    JsonNode team(@PathParam("id") String id, @QueryParam("identifierType") String identifierType);

    @GET
    @Path("/schedules")
    JsonNode schedules(@QueryParam("expand") String expand);

    @GET
    @Path("/schedules/{id}/overrides")
    JsonNode overrides(@PathParam("id") String id, @QueryParam("scheduleIdentifierType") String identifierType);

    /** Who is on call when: {@code finalTimeline.rotations[].periods[]} from {@code date} for the interval. */
    @GET
    @Path("/schedules/{id}/timeline")
    JsonNode timeline(@PathParam("id") String id, @QueryParam("identifierType") String identifierType,
            @QueryParam("interval") int interval, @QueryParam("intervalUnit") String intervalUnit,
            @QueryParam("date") String date);

    @GET
    @Path("/escalations")
    JsonNode escalations();

    @GET
    @Path("/integrations")
    JsonNode integrations();

    @GET
    @Path("/heartbeats")
    JsonNode heartbeats();
}
