package dev.klaxon.triage.alertgroup.messaging;

import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.events.Topics;
import dev.klaxon.kit.messaging.IdempotentConsumer;
import dev.klaxon.triage.alertgroup.service.TriageService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Triage of canonical alerts, a polled batch per transaction: each event once (by event id), in order per dedup
 * key, its signals committed with it. A record that is not a usable alert is dead-lettered on its own.
 */
@ApplicationScoped
public class AlertConsumer {

    private final IdempotentConsumer consumer;
    private final TriageService triage;
    private final Emitter<String> deadLetters;

    public AlertConsumer(IdempotentConsumer consumer, TriageService triage,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> deadLetters) {
        this.consumer = consumer;
        this.triage = triage;
        this.deadLetters = deadLetters;
    }

    @Incoming("alerts")
    public Uni<Void> consume(List<String> records) {
        return consumer.consumeBatch("alerts", Topics.ALERTS_NORMALIZED, records, NormalizedAlert.class, a -> {
            if (a.dedupKey() == null || a.status() == null || a.title() == null) {
                throw new EventJson.InvalidEventException("alert lacks dedupKey, status or title", null);
            }
        }, deadLetters, triage::triageAll);
    }
}
