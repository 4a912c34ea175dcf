package dev.klaxon.triage.rule;

/** A rule that cannot be used as written, naming the field at fault (e.g. {@code conditions.textMatches}). */
public class RuleException extends RuntimeException {

    private final String field;

    public RuleException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 1);
    }
}
