package dev.klaxon.escalation.user;

import dev.klaxon.events.ContactType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** One of a person's notification rules: reach them by this contact method this many minutes after the page. */
public record NotificationRule(@NotNull(message = "must be SLACK, SMS, EMAIL or WEBHOOK") ContactType contactType,
        @Min(0) @Max(1440) int delayMinutes) {
}
