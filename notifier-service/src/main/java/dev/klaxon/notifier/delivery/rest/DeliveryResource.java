package dev.klaxon.notifier.delivery.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.klaxon.events.ContactType;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The delivery log: every message sent or tried, with its attempts, the provider's id and the last error. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
public class DeliveryResource {

    private final DeliveryRepository deliveries;

    public DeliveryResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "The delivery log, newest first")
    public Uni<List<DeliveryView>> list(
            @Parameter(description = "only this incident's deliveries") @QueryParam("incidentId") String incidentId,
            @Parameter(description = "only this recipient's") @QueryParam("recipientId") String recipientId,
            @Parameter(description = "SLACK, EMAIL, SMS or WEBHOOK") @QueryParam("channel") String channel,
            @Parameter(description = "PENDING, SENDING, DELIVERED, FAILED or CANCELLED") @QueryParam("status")
            String status,
            @Parameter(description = "page size, 1 to 500 (50)") @QueryParam("limit") String limit,
            @Parameter(description = "rows to skip (0)") @QueryParam("offset") String offset) {
        DeliveryRepository.Filter filter = new DeliveryRepository.Filter(
                QueryParams.uuid(incidentId, "incidentId"),
                recipientId == null || recipientId.isBlank() ? null : recipientId,
                QueryParams.enumValue(ContactType.class, channel, "channel"),
                QueryParams.enumValue(Delivery.Status.class, status, "status"),
                QueryParams.bounded(number(limit, "limit"), 50, 1, 500, "limit"),
                QueryParams.bounded(number(offset, "offset"), 0, 0, Integer.MAX_VALUE, "offset"));
        return deliveries.list(filter).map(all -> all.stream().map(DeliveryView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One delivery")
    public Uni<DeliveryView> get(@PathParam("id") String id) {
        UUID uuid = QueryParams.uuid(id, "id");
        return deliveries.find(uuid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Delivery " + uuid))
                .map(DeliveryView::of);
    }

    /** A whole number, so that "?limit=ten" is a 400 naming the parameter rather than a generic error. */
    private static Integer number(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(param, "must be a whole number");
        }
    }
}
