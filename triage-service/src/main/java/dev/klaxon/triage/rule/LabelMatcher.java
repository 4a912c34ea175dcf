package dev.klaxon.triage.rule;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A label or annotation matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~} and {@code !~};
 * regular expressions are anchored (must match the whole value) and a missing label equals the empty string.
 */
public record LabelMatcher(@NotBlank @Size(max = 200) String name,
        @NotNull @jakarta.validation.constraints.Pattern(regexp = "=|!=|=~|!~",
                message = "must be =, !=, =~ or !~") String op,
        @NotNull @Size(max = 2000) String value) {

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
     * @throws RuleException naming what is wrong: a missing name, an unknown operator, a bad regex
     */
    public Compiled compile() {
        if (name == null || name.isBlank()) {
            throw new RuleException("name", "is required");
        }
        if (op == null || !(op.equals("=") || op.equals("!=") || op.equals("=~") || op.equals("!~"))) {
            throw new RuleException("op", "must be =, !=, =~ or !~");
        }
        if (value == null) {
            throw new RuleException("value", "is required");
        }
        Pattern pattern = null;
        if (op.endsWith("~")) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new RuleException("value", "is not a valid regular expression: " + e.getDescription());
            }
        }
        return new Compiled(this, pattern);
    }
}
