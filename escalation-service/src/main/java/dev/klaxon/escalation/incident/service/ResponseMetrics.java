package dev.klaxon.escalation.incident.service;

import java.time.Duration;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.ResponseTimes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Time to acknowledge and to resolve per severity and service (MTTA/MTTR on {@code /q/metrics}), and how often the
 * response targets were breached, as the incident's {@link ResponseTimes} judged it.
 */
@ApplicationScoped
public class ResponseMetrics {

    private final MeterRegistry registry;

    public ResponseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The first acknowledgement of an incident (its time to acknowledge is judged by then). */
    public void acknowledged(Incident i) {
        record("klaxon.incident.time.to.acknowledge", i, Duration.between(i.createdAt(), i.acknowledgedAt()));
        if (Boolean.TRUE.equals(i.response().acknowledgeBreached())) {
            breach(i, "acknowledge");
        }
    }

    /**
     * The resolution of an incident, as it was before and is now: one nobody acknowledged also counts as an
     * acknowledge breach once that target had passed.
     */
    public void resolved(Incident before, Incident after) {
        record("klaxon.incident.time.to.resolve", after, Duration.between(after.createdAt(), after.resolvedAt()));
        if (Boolean.TRUE.equals(after.response().resolveBreached())) {
            breach(after, "resolve");
        }
        if (before.response().acknowledgeBreached() == null
                && Boolean.TRUE.equals(after.response().acknowledgeBreached())) {
            breach(after, "acknowledge");
        }
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
