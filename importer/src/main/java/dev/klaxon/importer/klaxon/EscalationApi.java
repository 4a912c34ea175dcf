package dev.klaxon.importer.klaxon;

import java.util.List;
import java.util.UUID;

import dev.klaxon.importer.klaxon.KlaxonTypes.OnCall;
import dev.klaxon.importer.klaxon.KlaxonTypes.Override;
import dev.klaxon.importer.klaxon.KlaxonTypes.Policy;
import dev.klaxon.importer.klaxon.KlaxonTypes.Schedule;
import dev.klaxon.importer.klaxon.KlaxonTypes.Team;
import dev.klaxon.importer.klaxon.KlaxonTypes.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** escalation-service's admin API: people, teams, schedules and overrides, escalation policies, who is on call. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface EscalationApi {

    @GET
    @Path("users")
    List<User> users();

    @POST
    @Path("users")
    User createUser(User body);

    @PUT
    @Path("users/{id}")
    User updateUser(@PathParam("id") UUID id, User body);

    @GET
    @Path("teams")
    List<Team> teams();

    @POST
    @Path("teams")
    Team createTeam(Team body);

    @PUT
    @Path("teams/{id}")
    Team updateTeam(@PathParam("id") UUID id, Team body);

    @GET
    @Path("schedules")
    List<Schedule> schedules();

    @POST
    @Path("schedules")
    Schedule createSchedule(Schedule body);

    @PUT
    @Path("schedules/{id}")
    Schedule updateSchedule(@PathParam("id") UUID id, Schedule body);

    @POST
    @Path("schedules/{id}/overrides")
    Override addOverride(@PathParam("id") UUID id, Override body);

    @DELETE
    @Path("schedules/{id}/overrides/{overrideId}")
    void deleteOverride(@PathParam("id") UUID id, @PathParam("overrideId") UUID overrideId);

    @GET
    @Path("schedules/{id}/oncall")
    OnCall onCall(@PathParam("id") UUID id, @QueryParam("at") String at);

    @GET
    @Path("escalation-policies")
    List<Policy> policies();

    @POST
    @Path("escalation-policies")
    Policy createPolicy(Policy body);

    @PUT
    @Path("escalation-policies/{id}")
    Policy updatePolicy(@PathParam("id") UUID id, Policy body);
}
