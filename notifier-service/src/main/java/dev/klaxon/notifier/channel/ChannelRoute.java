package dev.klaxon.notifier.channel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.events.Severity;

/**
 * Where incidents are announced: a Slack channel, an email list, a webhook (or a phone), for the incidents of some
 * severities (and services; empty means all) and some lifecycle events.
 */
public record ChannelRoute(UUID id, String name, ContactType contactType, String address, List<Severity> severities,
        List<String> services, List<IncidentLifecycle.Type> events, boolean enabled, Instant createdAt,
        Instant updatedAt) {

    public boolean matches(IncidentLifecycle e) {
        return enabled && e.severity() != null && severities.contains(e.severity()) && events.contains(e.type())
                && (services.isEmpty() || services.contains(e.service()));
    }
}
