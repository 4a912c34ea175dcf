package dev.klaxon.ingest.webhook.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.klaxon.events.EventEnvelope;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts canonical alerts on {@code alerts.normalized}, keyed by dedup key; the returned Uni completes only when the
 * broker has acknowledged every one of them (acks=all), which is when the sender may be told 202.
 *
 * <p>An answer means what it says. Records go straight to the Kafka producer (a messaging emitter queues and retries
 * them outside the request, so an alert answered 503 could still be written minutes later): each is handed over by
 * one of a few sending threads, but only while its request still waits ({@code hand-off-within}); one not handed over
 * by then is never sent. Once handed over, the producer's own bounds decide: it has the broker's acknowledgement, or
 * it gives the record up within {@code max.block.ms} plus {@code delivery.timeout.ms}, and a record it gave up is not
 * written later. So a 503 always means "not taken".
 */
@ApplicationScoped
public class AlertPublisher {

    private static final Logger LOG = Logger.getLogger(AlertPublisher.class);

    /** Only a backstop: after the hand-off the producer's own bounds answer first, unless it misbehaves. */
    private static final Duration VERDICT_BACKSTOP = Duration.ofSeconds(30);
    private static final Duration HAND_OFF_WITHIN = Duration.ofSeconds(5);
    private static final int SENDING_THREADS = 4;

    /**
     * Largest key and value an alert record may have: under the producer's {@code max.request.size} and the broker's
     * {@code message.max.bytes} (1 MiB by default), with room for the record's headers and batch overhead.
     */
    static final long MAX_RECORD_BYTES = 1_000_000;

    /** A record not handed to the producer while its request waited: it was never sent. */
    static final class NotHandedOver extends RuntimeException {
        NotHandedOver(Duration waited) {
            super("not handed to the producer within " + waited.toMillis() + " ms (the broker is slow or away); "
                    + "it was not sent");
        }
    }

    private final MutinyEmitter<String> emitter;
    private final KafkaClientService clients;
    private final String topic;
    private final ExecutorService sending = Executors.newFixedThreadPool(SENDING_THREADS, r -> {
        Thread t = new Thread(r, "alert-producer");
        t.setDaemon(true);
        return t;
    });

    public AlertPublisher(@Channel("alerts") MutinyEmitter<String> emitter, KafkaClientService clients,
            @ConfigProperty(name = "mp.messaging.outgoing.alerts.topic") String topic) {
        // never sent to: it wires the channel, whose producer (with the channel's configuration) is used directly
        this.emitter = emitter;
        this.clients = clients;
        this.topic = topic;
    }

    @PreDestroy
    void stop() {
        sending.shutdown();
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
        List<ProducerRecord<String, String>> records = new ArrayList<>(alerts.size());
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
            records.add(new ProducerRecord<>(topic, key, value));
        }
        KafkaProducer<String, String> channel = clients.getProducer("alerts");
        if (channel == null) {
            return Uni.createFrom().failure(new IllegalStateException("the alerts producer is not started"));
        }
        Producer<String, String> producer = channel.unwrap();
        Instant handOffBy = Instant.now().plus(HAND_OFF_WITHIN);
        // all of them must be acknowledged; a failed one fails the request, whose sender retries it all (the dedup key
        // makes the ones already written duplicates downstream)
        List<Uni<RecordMetadata>> sends = records.stream().map(r -> send(producer, r, handOffBy)).toList();
        Uni<Void> all = Uni.join().all(sends).andCollectFailures().replaceWithVoid();
        Context context = Vertx.currentContext();
        return (context == null ? all : all.emitOn(command -> context.runOnContext(x -> command.run())))
                .ifNoItem().after(VERDICT_BACKSTOP).failWith(() -> {
                    LOG.errorf("the producer gave no verdict on %d alert(s) within %s; answered 503 although they "
                            + "may still be written", records.size(), VERDICT_BACKSTOP);
                    return new io.smallrye.mutiny.TimeoutException();
                });
    }

    private Uni<RecordMetadata> send(Producer<String, String> producer, ProducerRecord<String, String> record,
            Instant handOffBy) {
        return Uni.createFrom().emitter(em -> sending.execute(() -> {
            if (Instant.now().isAfter(handOffBy)) {
                em.fail(new NotHandedOver(HAND_OFF_WITHIN));
                return;
            }
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        em.fail(failure);
                    } else {
                        em.complete(metadata);
                    }
                });
            } catch (RuntimeException e) {
                // max.block.ms passed waiting for the broker's metadata: the record was not taken
                em.fail(e);
            }
        }));
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
