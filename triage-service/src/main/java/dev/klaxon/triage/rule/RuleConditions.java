package dev.klaxon.triage.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an alert must satisfy for a rule to apply; every given condition must hold, and no condition at all
 * matches every alert.
 *
 * @param textMatches a case-insensitive regular expression searched in the title and description
 */
public record RuleConditions(@Size(max = 50) List<@NotBlank @Size(max = 100) String> sourceTypes,
        @Size(max = 200) List<@NotBlank @Size(max = 200) String> services,
        @Size(max = 200) List<@NotBlank @Size(max = 200) String> integrations,
        @Size(max = 100) List<@NotNull @Valid LabelMatcher> labels,
        @Size(max = 100) List<@NotNull @Valid LabelMatcher> annotations, @Size(max = 2000) String textMatches,
        @Size(max = 50) List<@NotNull @Valid ValueCondition> values, @Valid BusinessHours businessHours) {

    public static final RuleConditions ANY = new RuleConditions(null, null, null, null, null, null, null, null);

    public RuleConditions {
        sourceTypes = copy(sourceTypes);
        services = copy(services);
        integrations = copy(integrations);
        labels = copy(labels);
        annotations = copy(annotations);
        values = copy(values);
    }

    /** An unmodifiable copy that keeps a null element, so that validation can name it rather than fail to build. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * A time window: weekdays (1 Monday … 7 Sunday) and hours in a zone; {@code inside=false} means outside it.
     */
    public record BusinessHours(@NotBlank @Size(max = 100) String timeZone,
            @Size(max = 7) List<@NotNull @Min(1) @Max(7) Integer> days,
            @Pattern(regexp = "\\d{2}:\\d{2}(:\\d{2})?", message = "must be a time such as 09:00") String from,
            @Pattern(regexp = "\\d{2}:\\d{2}(:\\d{2})?", message = "must be a time such as 17:00") String to,
            Boolean inside) {
    }
}
