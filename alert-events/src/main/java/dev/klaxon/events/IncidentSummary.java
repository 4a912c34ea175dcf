package dev.klaxon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a notification says about its incident, enough to render every runbook template. */
public record IncidentSummary(UUID incidentId, long number, String title, String description, Severity severity,
        String service, String status, Instant startedAt, Instant acknowledgedAt, String acknowledgedBy,
        Instant resolvedAt, int escalationStep, List<Link> links) {

    public IncidentSummary {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** "INC-42". */
    public String reference() {
        return "INC-" + number;
    }
}
