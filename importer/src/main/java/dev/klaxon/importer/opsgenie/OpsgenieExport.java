package dev.klaxon.importer.opsgenie;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything read from Opsgenie, as it answered: users with contacts and notification rules (each with its steps),
 * teams with members, schedules with rotations and overrides, escalations, integrations, heartbeats.
 */
public record OpsgenieExport(List<JsonNode> users, Map<String, List<JsonNode>> contacts,
        Map<String, List<JsonNode>> notificationRules, List<JsonNode> teams, List<JsonNode> schedules,
        Map<String, List<JsonNode>> overrides, List<JsonNode> escalations, List<JsonNode> integrations,
        List<JsonNode> heartbeats) {
}
