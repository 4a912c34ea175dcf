package dev.klaxon.triage.rule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A numeric comparison on a value the alert carries, such as {@code error_rate > 10}. */
public record ValueCondition(@NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = ">|>=|<|<=|=|==|!=", message = "must be >, >=, <, <=, = or !=") String op,
        @NotNull Double value) {

    public boolean test(double actual) {
        return switch (op) {
            case ">" -> actual > value;
            case ">=" -> actual >= value;
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            case "=", "==" -> actual == value;
            case "!=" -> actual != value;
            default -> false;
        };
    }

    /** @throws RuleException naming what is wrong */
    public void validate() {
        if (name == null || name.isBlank()) {
            throw new RuleException("name", "is required");
        }
        if (op == null || !java.util.Set.of(">", ">=", "<", "<=", "=", "==", "!=").contains(op)) {
            throw new RuleException("op", "must be >, >=, <, <=, = or !=");
        }
        if (value == null || value.isNaN() || value.isInfinite()) {
            throw new RuleException("value", "must be a number");
        }
    }
}
