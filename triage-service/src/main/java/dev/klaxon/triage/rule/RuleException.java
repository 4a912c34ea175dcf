package dev.klaxon.triage.rule;

/**
 * Something that cannot be used as written, naming the field at fault as a path into what was sent (e.g.
 * {@code conditions.textMatches}, {@code matchers[2].op}).
 */
public class RuleException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public RuleException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** The same problem, with its field seen from the enclosing object: {@code op} within {@code matchers[2]}. */
    public RuleException within(String prefix) {
        return new RuleException(prefix + "." + field, reason);
    }
}
