package dev.klaxon.importer.grafana;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything read from Grafana OnCall, as it answered: users with their personal notification rules, teams, schedules
 * with their on-call shifts, escalation chains with their escalation policies (steps), integrations.
 */
public record GrafanaOnCallExport(List<JsonNode> users, Map<String, List<JsonNode>> notificationRules,
        List<JsonNode> teams, List<JsonNode> schedules, Map<String, List<JsonNode>> shifts, List<JsonNode> chains,
        Map<String, List<JsonNode>> chainSteps, List<JsonNode> integrations) {
}
