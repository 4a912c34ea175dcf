package dev.klaxon.triage.rule;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label or annotation matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~} and {@code !~};
 * regular expressions are anchored (must match the whole value) and a missing label equals the empty string.
 */
public record LabelMatcher(String name, String op, String value) {

    /** A matcher with its regular expression compiled once. */
    public record Compiled(LabelMatcher matcher, Pattern pattern) {

        public boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(matcher.name(), "");
            return switch (matcher.op()) {
                case "=" -> actual.equals(matcher.value());
                case "!=" -> !actual.equals(matcher.value());
                case "=~" -> pattern.matcher(actual).matches();
                case "!~" -> !pattern.matcher(actual).matches();
                default -> false;
            };
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: a missing name, an unknown operator, a bad regex
     */
    public Compiled compile() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (op == null || !(op.equals("=") || op.equals("!=") || op.equals("=~") || op.equals("!~"))) {
            throw new IllegalArgumentException("op must be =, !=, =~ or !~");
        }
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
        Pattern pattern = null;
        if (op.endsWith("~")) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("value is not a valid regular expression: " + e.getDescription());
            }
        }
        return new Compiled(this, pattern);
    }
}
