package dev.klaxon.importer.klaxon;

import java.util.List;
import java.util.UUID;

import dev.klaxon.importer.klaxon.KlaxonTypes.Integration;
import dev.klaxon.importer.klaxon.KlaxonTypes.IntegrationChange;
import dev.klaxon.importer.klaxon.KlaxonTypes.NewIntegration;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** alert-ingest's admin API: integrations. */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IngestApi {

    @GET
    List<Integration> integrations();

    @POST
    Integration create(NewIntegration body);

    @PUT
    @Path("{id}")
    Integration update(@PathParam("id") UUID id, IntegrationChange body);
}
