package dev.klaxon.kit.messaging;

import java.time.Duration;

import org.jboss.logging.Logger;

import dev.klaxon.events.EventJson;
import io.smallrye.mutiny.Uni;

/**
 * How every consumer treats failures: a record that cannot be read fails at once (the connector sends it to the
 * dead-letter topic); a failure of our own infrastructure is retried with backoff before it is dead-lettered.
 */
public final class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private Consumers() {
    }

    public static Uni<Void> guard(String what, Uni<Void> work) {
        return work
                .onFailure(e -> !(e instanceof EventJson.InvalidEventException || e instanceof IllegalArgumentException))
                .invoke(e -> LOG.warnf("%s failed, retrying: %s", what, e.getMessage()))
                .onFailure(e -> !(e instanceof EventJson.InvalidEventException || e instanceof IllegalArgumentException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(15)
                .onFailure().invoke(e -> LOG.errorf("%s failed for good, dead-lettering: %s", what, e.getMessage()));
    }
}
