package dev.klaxon.importer.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * What a source says Klaxon should hold, in Klaxon's terms. Objects refer to each other by their external reference
 * ({@code pagerduty:user:PXYZ123}), resolved to Klaxon ids when the plan is applied. A null field means the source
 * does not know it: Klaxon's value is kept.
 */
public final class Specs {

    private Specs() {
    }

    /** A person. {@code placeholder}: someone the source still has on a rotation but cannot be reached (deleted). */
    public record Person(String ref, String name, String email, String phone, String slackUserId, String timeZone,
            String role, List<Rule> notificationRules, boolean placeholder) {
        public Person {
            notificationRules = notificationRules == null ? null : List.copyOf(notificationRules);
        }
    }

    /** A notification rule: contact type (SLACK, SMS, EMAIL, WEBHOOK) and delay in minutes. */
    public record Rule(String contactType, int delayMinutes) {
    }

    /** A team and its members, in order. */
    public record Team(String ref, String name, String description, List<String> memberRefs) {
        public Team {
            memberRefs = List.copyOf(memberRefs);
        }
    }

    /** A schedule; {@code sourceId} is the source's own id, for asking it who is on call. */
    public record Schedule(String ref, String sourceId, String name, String timeZone, List<Rotation> rotations,
            List<Override> overrides) {
        public Schedule {
            rotations = List.copyOf(rotations);
            overrides = List.copyOf(overrides);
        }
    }

    /** A rotation as escalation-service takes it (type HOURLY, DAILY or WEEKLY). */
    public record Rotation(String name, String type, int shiftLength, LocalDateTime start, List<String> participantRefs,
            int layer, List<Restriction> restrictions, Instant activeFrom, Instant activeUntil) {
        public Rotation {
            participantRefs = List.copyOf(participantRefs);
            restrictions = List.copyOf(restrictions);
        }
    }

    /** An active-hours window: from {@code startTime} on each of {@code days} (every day when empty). */
    public record Restriction(List<DayOfWeek> days, LocalTime startTime, int durationMinutes) {
        public Restriction {
            days = List.copyOf(days);
        }
    }

    /** Someone covering the whole schedule for a while. */
    public record Override(String personRef, Instant start, Instant end) {
    }

    /** An escalation policy. */
    public record Policy(String ref, String name, int repeat, List<Step> steps) {
        public Policy {
            steps = List.copyOf(steps);
        }
    }

    /** A step: whom it pages and how long it waits for an acknowledgement (null: the severity's default). */
    public record Step(Integer timeoutSeconds, List<Target> targets) {
        public Step {
            targets = List.copyOf(targets);
        }
    }

    /** USER, SCHEDULE or TEAM, by reference. */
    public record Target(String type, String ref) {
    }

    /**
     * An integration alert-ingest receives ({@code sourceType} grafana, alertmanager, sentry, pagerduty, generic);
     * {@code key}: the key the sender already uses, when Klaxon can keep it; {@code senderHint}: what the sender must
     * change.
     */
    public record Integration(String ref, String name, String sourceType, String service, String key,
            String senderHint) {
    }
}
