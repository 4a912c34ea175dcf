package dev.klaxon.notifier.delivery.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.klaxon.events.ContactType;
import dev.klaxon.notifier.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One circuit breaker per provider, in this process: after {@code failures} transient failures in a row the
 * provider is not called for {@code openFor}; then one trial call decides (success closes it, failure opens it
 * again). Deliveries held back by an open circuit wait without spending an attempt.
 */
@ApplicationScoped
public class CircuitBreakers {

    private static final Logger LOG = Logger.getLogger(CircuitBreakers.class);

    private record State(int failures, Instant openUntil) {
    }

    private final Map<ContactType, State> states = new ConcurrentHashMap<>();
    private final DeliveryConfig.Breaker config;
    private final Clock clock;

    public CircuitBreakers(DeliveryConfig config, Clock clock) {
        this.config = config.breaker();
        this.clock = clock;
    }

    /** When the provider may be called again, if its circuit is open now. */
    public Optional<Instant> openUntil(ContactType type) {
        State s = states.get(type);
        return s != null && s.openUntil() != null && clock.instant().isBefore(s.openUntil())
                ? Optional.of(s.openUntil()) : Optional.empty();
    }

    public void succeeded(ContactType type) {
        State old = states.remove(type);
        if (old != null && old.openUntil() != null) {
            LOG.infof("%s answers again: circuit closed", type);
        }
    }

    /** A transient failure (timeout, 5xx, 429); refusals of one message do not count against the provider. */
    public void failed(ContactType type) {
        states.compute(type, (t, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            if (failures < config.failures()) {
                return new State(failures, null);
            }
            Instant until = clock.instant().plus(config.openFor());
            if (s == null || s.openUntil() == null || !s.openUntil().isAfter(clock.instant())) {
                LOG.warnf("%s failed %d times in a row: circuit open until %s", type, failures, until);
            }
            return new State(failures, until);
        });
    }
}
