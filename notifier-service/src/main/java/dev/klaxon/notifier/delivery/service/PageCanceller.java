package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stops pages that no longer need to go: once an incident is acknowledged or resolved, its pages still waiting
 * (delayed by a notification rule, or for a retry) are cancelled instead of sent.
 */
@ApplicationScoped
public class PageCanceller {

    private static final Logger LOG = Logger.getLogger(PageCanceller.class);

    private final DeliveryRepository deliveries;
    private final Clock clock;

    public PageCanceller(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Cancels the incident's waiting pages requested up to the change, when the change is an acknowledgement or a
     * resolution; answers how many it cancelled. Safe to repeat: a redelivered event finds nothing left to cancel,
     * and a page requested after the change (an acknowledged incident escalated again) is not one of them.
     *
     * <p>{@code notifications.status} has no state for "not sent", so nothing is announced: the reason stays in the
     * delivery log.
     */
    public Uni<Integer> cancelWaitingPages(IncidentLifecycle e, Instant changedAt) {
        String change = switch (e.type()) {
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
            default -> null;
        };
        if (change == null) {
            return Uni.createFrom().item(0);
        }
        Instant at = changedAt != null ? changedAt : clock.instant();
        String reason = "incident INC-" + e.number() + " " + change
                + (e.actor() == null || e.actor().isBlank() ? "" : " by " + e.actor())
                + " before this page was due; not sent";
        return deliveries.cancelPages(e.incidentId(), at, reason, clock.instant()).map(cancelled -> {
            for (UUID id : cancelled) {
                LOG.infof("delivery %s cancelled: %s", id, reason);
            }
            return cancelled.size();
        });
    }
}
