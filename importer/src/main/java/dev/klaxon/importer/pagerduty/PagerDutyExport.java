package dev.klaxon.importer.pagerduty;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything read from PagerDuty, as it answered: users (with contact methods and notification rules), teams with
 * their members, schedules with their layers, their future overrides, escalation policies, services with integrations.
 */
public record PagerDutyExport(List<JsonNode> users, Map<String, List<JsonNode>> teamMembers, List<JsonNode> teams,
        List<JsonNode> schedules, Map<String, List<JsonNode>> overrides, List<JsonNode> policies,
        List<JsonNode> services) {
}
