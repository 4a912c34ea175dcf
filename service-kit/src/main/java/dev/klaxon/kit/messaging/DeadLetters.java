package dev.klaxon.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.klaxon.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Dead-letters one record of a batch by hand (a batch consumer cannot nack a single record): the record goes, as
 * it came, to {@code <topic>.dlq} with the reason in a {@code dead-letter-reason} header, and the batch goes on.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Completes once the broker has the dead letter. */
    public static Uni<Void> send(Emitter<String> emitter, String topic, String value, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        String why = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        headers.add("dead-letter-reason", why.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        LOG.warnf("record of %s dead-lettered: %s", topic, why);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(topic)).withHeaders(headers).build())
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                }).withNack(e -> {
                    sent.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return Uni.createFrom().completionStage(sent);
    }
}
