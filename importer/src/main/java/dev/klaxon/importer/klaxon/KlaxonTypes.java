package dev.klaxon.importer.klaxon;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The objects of Klaxon's admin APIs as they are read and written (escalation-service, alert-ingest). */
public final class KlaxonTypes {

    private KlaxonTypes() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(UUID id, String name, String email, String phone, String slackUserId, String timeZone,
            String role, String webhookUrl, List<Rule> notificationRules, String externalRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(String contactType, int delayMinutes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Team(UUID id, String name, String description, List<UUID> members, String externalRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(UUID id, String name, String timeZone, List<Rotation> rotations, List<Override> overrides,
            String externalRef) {
    }

    /** {@code start} is a local date-time such as 2026-01-05T09:00:00; {@code restrictions} times such as 09:00. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rotation(String name, String type, Integer shiftLength, String start, List<UUID> participants,
            Integer layer, List<Restriction> restrictions, Instant activeFrom, Instant activeUntil) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Restriction(List<String> days, String startTime, int durationMinutes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Override(UUID id, UUID userId, Instant start, Instant end) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(UUID id, String name, Boolean isDefault, Integer repeat, List<Step> steps,
            String externalRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(Integer timeoutSeconds, List<Target> targets) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String type, UUID id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Integration(UUID id, String name, String sourceType, String service, String key, boolean enabled,
            String webhookUrl, String externalRef) {
    }

    /** What POST /api/v1/integrations takes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewIntegration(String name, String sourceType, String service, String key, String externalRef) {
    }

    /** What PUT /api/v1/integrations/{id} takes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntegrationChange(String name, String service, boolean enabled, String externalRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnCall(UUID scheduleId, Instant at, List<OnCallUser> users) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnCallUser(UUID userId, String name) {
    }
}
