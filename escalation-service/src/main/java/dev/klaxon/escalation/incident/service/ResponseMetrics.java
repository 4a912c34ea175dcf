package dev.klaxon.escalation.incident.service;

import java.time.Duration;

import dev.klaxon.escalation.config.EscalationConfig;
import dev.klaxon.escalation.incident.Incident;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Time to acknowledge and to resolve per severity and service (MTTA/MTTR on {@code /q/metrics}), and how often the
 * runbooks' response targets were breached.
 */
@ApplicationScoped
public class ResponseMetrics {

    private final MeterRegistry registry;
    private final EscalationConfig config;

    public ResponseMetrics(MeterRegistry registry, EscalationConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public void acknowledged(Incident i) {
        Duration took = Duration.between(i.createdAt(), i.acknowledgedAt());
        record("klaxon.incident.time.to.acknowledge", i, took);
        if (took.compareTo(config.acknowledgeWithin(i.severity())) > 0) {
            breach(i, "acknowledge");
        }
    }

    public void resolved(Incident i) {
        Duration took = Duration.between(i.createdAt(), i.resolvedAt());
        record("klaxon.incident.time.to.resolve", i, took);
        config.resolveWithin(i.severity()).filter(limit -> took.compareTo(limit) > 0)
                .ifPresent(limit -> breach(i, "resolve"));
    }

    private void record(String name, Incident i, Duration took) {
        Timer.builder(name).description("From trigger to " + name.substring(name.lastIndexOf('.') + 1))
                .tag("severity", i.severity().name()).tag("service", i.service() == null ? "none" : i.service())
                .publishPercentileHistogram().register(registry).record(took);
    }

    private void breach(Incident i, String target) {
        registry.counter("klaxon.incident.response.breaches", "severity", i.severity().name(), "service",
                i.service() == null ? "none" : i.service(), "target", target).increment();
    }
}
