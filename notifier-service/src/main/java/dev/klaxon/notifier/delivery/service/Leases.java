package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.klaxon.kit.runtime.Instance;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The deliveries this process is sending, each held under a lease in its row that the process renews while it lives
 * and lets go once the outcome is recorded. A process that dies stops renewing; its leases lapse and another replica
 * (or its own restart, at once) takes the deliveries over and reconciles them with the provider.
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);

    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final DeliveryRepository deliveries;
    private final Instance instance;
    private final DeliveryConfig config;
    private final Clock clock;

    public Leases(DeliveryRepository deliveries, Instance instance, DeliveryConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    /** A lease for deliveries claimed now: this process's, until one lease length from now. */
    public DeliveryRepository.Lease next() {
        return new DeliveryRepository.Lease(instance.owner(), clock.instant().plus(config.lease()));
    }

    /** The owner prefix of every incarnation of this replica: what an earlier one left is this one's at once. */
    public String replica() {
        return instance.ownerPrefix();
    }

    /** These deliveries are being sent by this process: keep their leases alive. */
    public void hold(Collection<UUID> ids) {
        held.addAll(ids);
    }

    /** Their outcomes are recorded (or they were never claimed): no longer this process's to renew. */
    public void release(Collection<UUID> ids) {
        held.removeAll(ids);
    }

    /** How many deliveries this process holds. */
    public int size() {
        return held.size();
    }

    @Scheduled(every = "${klaxon.delivery.lease-renewal:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.renewLeases(List.copyOf(held), next())
                .onFailure().invoke(e -> LOG.warnf("delivery leases not renewed (they lapse after %s): %s",
                        config.lease(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
