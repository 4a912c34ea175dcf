package dev.klaxon.ingest.webhook.parser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.AlertStatus;
import dev.klaxon.events.Link;
import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.ingest.integration.Integration;
import dev.klaxon.ingest.integration.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/** Pingdom state-change webhooks: current_state DOWN pages, UP resolves; identity is the check id. */
@ApplicationScoped
public class PingdomParser implements PayloadParser {

    @Override
    public SourceType sourceType() {
        return SourceType.PINGDOM;
    }

    @Override
    public List<NormalizedAlert> parse(WebhookRequest request, Integration integration, Instant receivedAt) {
        JsonNode body = request.body();
        if (!body.isObject()) {
            throw new PayloadException("body", "must be a JSON object");
        }
        String checkId = Payloads.requiredText(body, "check_id", "");
        String state = Payloads.requiredText(body, "current_state", "").toUpperCase(Locale.ROOT);
        AlertStatus status = switch (state) {
            case "DOWN" -> AlertStatus.FIRING;
            case "UP" -> AlertStatus.RESOLVED;
            default -> null; // e.g. UNCONFIRMED_DOWN while Pingdom is still checking
        };
        if (status == null) {
            return List.of();
        }
        String name = Payloads.firstOf(Payloads.text(body, "check_name", ""), "check " + checkId);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("check_id", checkId);
        String type = Payloads.text(body, "check_type", "");
        if (type != null) {
            labels.put("check_type", type);
        }
        String previous = Payloads.text(body, "previous_state", "");
        if (previous != null) {
            labels.put("previous_state", previous);
        }
        List<Link> links = new ArrayList<>();
        String url = Payloads.at(body, "check_params", "full_url");
        if (url != null && url.matches("(?i)https?://.+")) {
            links.add(new Link("monitored", url, name));
        }
        String description = String.join("\n", java.util.stream.Stream.of(Payloads.text(body, "description", ""),
                Payloads.text(body, "long_description", "")).filter(s -> s != null && !s.isBlank()).toList());
        String importance = Payloads.text(body, "importance_level", "");
        return List.of(alert(integration, receivedAt).dedupKey("check:" + checkId).status(status)
                .title(name + (status == AlertStatus.FIRING ? " is down" : " is up"))
                .description(description.isEmpty() ? null : description)
                .severityHint(importance == null ? null : importance.toLowerCase(Locale.ROOT)).labels(labels)
                .links(links).occurredAt(Payloads.lenientInstant(body, "state_changed_timestamp", receivedAt))
                .build());
    }
}
