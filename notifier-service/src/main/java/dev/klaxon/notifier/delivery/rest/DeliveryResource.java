package dev.klaxon.notifier.delivery.rest;

import java.util.List;
import java.util.UUID;


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

/** The delivery log: every message sent or tried, with attempts, provider ids and errors. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /** A delivery as the API shows it. */
    public record DeliveryView(UUID id, UUID notificationId, UUID incidentId, long incidentNumber, String kind,
            String recipientId, String recipientName, String channel, String address, String status, int attempts,
            String providerMessageId, String lastError, String subject, String body, java.time.Instant dueAt,
            java.time.Instant createdAt, java.time.Instant updatedAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.notificationId(), d.incidentId(), d.incidentNumber(), d.kind(),
                    d.recipientId(), d.recipientName(), d.channel().name(), d.address(), d.status().name(),
                    d.attempts(), d.providerMessageId(), d.lastError(), d.subject(), d.body(), d.dueAt(),
                    d.createdAt(), d.updatedAt());
        }

    }

    private final DeliveryRepository deliveries;

    public DeliveryResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<DeliveryView>> list(@QueryParam("incidentId") String incidentId,
            @QueryParam("recipientId") String recipientId, @QueryParam("channel") String channel,
            @QueryParam("status") String status, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        DeliveryRepository.Filter filter = new DeliveryRepository.Filter(QueryParams.uuid(incidentId, "incidentId"),
                recipientId, QueryParams.enumValue(ContactType.class, channel, "channel"),
                QueryParams.enumValue(Delivery.Status.class, status, "status"),
                QueryParams.bounded(limit, 50, 1, 500, "limit"),
                QueryParams.bounded(offset, 0, 0, Integer.MAX_VALUE, "offset"));
        return deliveries.list(filter).map(all -> all.stream().map(DeliveryView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return deliveries.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Delivery " + id))
                .map(DeliveryView::of);
    }
}
