package dev.klaxon.triage.alertgroup.rest;

import java.util.List;

import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.triage.alertgroup.AlertLogEntry;
import dev.klaxon.triage.alertgroup.repository.AlertLogRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The alert log: every alert triage saw and what it decided, so a silenced or suppressed alert is visible. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertLogResource {

    private final AlertLogRepository log;

    public AlertLogResource(AlertLogRepository log) {
        this.log = log;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<AlertLogEntry>> list(@QueryParam("service") String service,
            @QueryParam("dedupKey") String dedupKey, @QueryParam("suppressed") String suppressed,
            @QueryParam("incidentKey") String incidentKey, @QueryParam("since") String since,
            @QueryParam("limit") Integer limit) {
        Boolean muted = null;
        if (suppressed != null) {
            if (!suppressed.equals("true") && !suppressed.equals("false")) {
                throw ProblemException.badRequest("suppressed", "must be true or false");
            }
            muted = Boolean.valueOf(suppressed);
        }
        return log.list(new AlertLogRepository.Filter(service, dedupKey, muted, incidentKey,
                QueryParams.instant(since, "since"), QueryParams.bounded(limit, 100, 1, 1000, "limit")));
    }
}
