package dev.klaxon.importer.pagerduty;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/**
 * The parts of the PagerDuty REST API v2 the importer reads (authentication {@code Authorization: Token token=…},
 * {@code Accept: application/vnd.pagerduty+json;version=2}); lists page with {@code limit}/{@code offset} and answer
 * {@code more}.
 */
@Produces("application/vnd.pagerduty+json;version=2")
public interface PagerDutyApi {

    @GET
    @Path("/users")
    JsonNode users(@QueryParam("include[]") List<String> include, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/users/{id}/contact_methods")
    JsonNode contactMethods(@PathParam("id") String id);

    @GET
    @Path("/users/{id}/notification_rules")
    JsonNode notificationRules(@PathParam("id") String id, @QueryParam("urgency") String urgency);

    @GET
    @Path("/teams")
    JsonNode teams(@QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/teams/{id}/members")
    JsonNode teamMembers(@PathParam("id") String id, @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/schedules")
    JsonNode schedules(@QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** A schedule with its layers; with {@code since}/{@code until}, its rendered final schedule too. */
    @GET
    @Path("/schedules/{id}")
    JsonNode schedule(@PathParam("id") String id, @QueryParam("time_zone") String timeZone,
            @QueryParam("since") String since, @QueryParam("until") String until);

    @GET
    @Path("/schedules/{id}/overrides")
    JsonNode overrides(@PathParam("id") String id, @QueryParam("since") String since,
            @QueryParam("until") String until);

    @GET
    @Path("/escalation_policies")
    JsonNode escalationPolicies(@QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/services")
    JsonNode services(@QueryParam("include[]") List<String> include, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);
}
