package dev.klaxon.triage.alertgroup.messaging;

import java.time.Clock;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.kit.messaging.Consumers;
import dev.klaxon.triage.alertgroup.repository.AlertGroupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Closes the alert group of an incident a person resolved, so the next firing alert opens a new incident. */
@ApplicationScoped
public class LifecycleConsumer {

    private final Pool pool;
    private final AlertGroupRepository groups;
    private final Clock clock;

    public LifecycleConsumer(Pool pool, AlertGroupRepository groups, Clock clock) {
        this.pool = pool;
        this.groups = groups;
        this.clock = clock;
    }

    @Incoming("incident-lifecycle")
    public Uni<Void> consume(String json) {
        return Consumers.guard("incident lifecycle", Uni.createFrom().deferred(() -> {
            EventEnvelope<IncidentLifecycle> event = EventJson.read(json, IncidentLifecycle.class);
            IncidentLifecycle e = event.payload();
            if (e.type() != IncidentLifecycle.Type.RESOLVED || e.incidentKey() == null) {
                return Uni.createFrom().voidItem();
            }
            // closing is idempotent, so a redelivered event needs no processed-event mark
            return pool.withTransaction(tx -> groups.closeByIncidentKey(tx, e.incidentKey(), clock.instant()))
                    .replaceWithVoid();
        }));
    }
}
