package dev.klaxon.importer.grafana;

import java.util.Map;

import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The parts of the Grafana OnCall HTTP API v1 the importer reads ({@code Authorization: <API key>}); lists answer
 * {@code count}, {@code next} (a link to the next page, or null) and {@code results}.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1")
public interface GrafanaOnCallApi {

    @GET
    @Path("/users/")
    JsonNode users(@RestQuery Map<String, String> query);

    @GET
    @Path("/teams/")
    JsonNode teams(@RestQuery Map<String, String> query);

    @GET
    @Path("/personal_notification_rules/")
    JsonNode notificationRules(@RestQuery Map<String, String> query);

    @GET
    @Path("/schedules/")
    JsonNode schedules(@RestQuery Map<String, String> query);

    @GET
    @Path("/on_call_shifts/")
    JsonNode onCallShifts(@RestQuery Map<String, String> query);

    @GET
    @Path("/escalation_chains/")
    JsonNode escalationChains(@RestQuery Map<String, String> query);

    @GET
    @Path("/escalation_policies/")
    JsonNode escalationPolicies(@RestQuery Map<String, String> query);

    @GET
    @Path("/integrations/")
    JsonNode integrations(@RestQuery Map<String, String> query);

    /** Who is on call when, overrides applied: {@code start_date}, {@code end_date} (dates). */
    @GET
    @Path("/schedules/{id}/final_shifts")
    JsonNode finalShifts(@PathParam("id") String id, @RestQuery Map<String, String> query);
}
