package dev.klaxon.ingest.heartbeat.rest;

import java.util.Map;

import dev.klaxon.ingest.heartbeat.HeartbeatService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Heartbeat pings, authenticated by the monitor's key: {@code POST /heartbeats/{key}} (GET too, for cron curls). */
@Path("/heartbeats")
public class PingResource {

    private final HeartbeatService service;

    public PingResource(HeartbeatService service) {
        this.service = service;
    }

    @POST
    @Path("{key}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> ping(@PathParam("key") String key) {
        return service.ping(key).map(m -> Map.of("status", "ok", "monitor", m.name()));
    }

    @GET
    @Path("{key}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> pingByGet(@PathParam("key") String key) {
        return ping(key);
    }
}
