package dev.klaxon.triage.rule;

/** A numeric comparison on a value the alert carries, such as {@code error_rate > 10}. */
public record ValueCondition(String name, String op, Double value) {

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

    /** @throws IllegalArgumentException naming what is wrong */
    public void validate() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (op == null || !java.util.Set.of(">", ">=", "<", "<=", "=", "==", "!=").contains(op)) {
            throw new IllegalArgumentException("op must be >, >=, <, <=, = or !=");
        }
        if (value == null || value.isNaN() || value.isInfinite()) {
            throw new IllegalArgumentException("value must be a number");
        }
    }
}
