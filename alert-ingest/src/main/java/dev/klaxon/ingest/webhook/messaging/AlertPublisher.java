package dev.klaxon.ingest.webhook.messaging;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts canonical alerts on {@code alerts.normalized}, keyed by dedup key; the returned Uni completes only when the
 * broker has acknowledged every one of them (acks=all), which is when the sender may be told 202.
 */
@ApplicationScoped
public class AlertPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> emitter;

    public AlertPublisher(@Channel("alerts") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(List<NormalizedAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = alerts.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().ifNoItem().after(ACK_TIMEOUT).fail().replaceWithVoid();
    }

    private Uni<Void> send(NormalizedAlert alert) {
        EventEnvelope<NormalizedAlert> event = EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest",
                alert.receivedAt(), alert);
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(alert.integrationId() + ":" + alert.dedupKey()).build())));
    }
}
