package dev.klaxon.ingest.webhook.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.kit.rest.ProblemException;
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

    /**
     * Largest key and value an alert record may have: under the producer's {@code max.request.size} and the broker's
     * {@code message.max.bytes} (1 MiB by default), with room for the record's headers and batch overhead.
     */
    static final long MAX_RECORD_BYTES = 1_000_000;

    private final MutinyEmitter<String> emitter;

    public AlertPublisher(@Channel("alerts") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the alerts and completes once the broker has them all.
     *
     * @throws ProblemException 413 (as the failure, before anything is sent) when an alert is too large to be a
     *         Kafka record: retrying could never succeed, so it must not be answered as a 503
     */
    public Uni<Void> publish(List<NormalizedAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Message<String>> records = new ArrayList<>(alerts.size());
        for (NormalizedAlert alert : alerts) {
            String key = alert.integrationId() + ":" + alert.dedupKey();
            String value = EventJson.write(EventEnvelope.of(NormalizedAlert.EVENT_TYPE, "alert-ingest",
                    alert.receivedAt(), alert));
            long size = utf8Length(key) + utf8Length(value);
            if (size > MAX_RECORD_BYTES) {
                return Uni.createFrom().failure(new ProblemException(413, "Alert too large",
                        "An alert of this request is " + size + " bytes as an event, over the " + MAX_RECORD_BYTES
                                + " bytes an event may have; shorten its title, description, labels or annotations."));
            }
            records.add(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key)
                    .build()));
        }
        List<Uni<Void>> sends = records.stream()
                .map(r -> Uni.createFrom().deferred(() -> emitter.sendMessage(r))).toList();
        return Uni.join().all(sends).andFailFast().ifNoItem().after(ACK_TIMEOUT).fail().replaceWithVoid();
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
