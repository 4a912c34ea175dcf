package dev.klaxon.ingest.webhook.parser;

import dev.klaxon.kit.rest.ProblemException;

/** A sender's payload that cannot be read as its source type says; answered 400 naming the field. */
public class PayloadException extends ProblemException {

    public PayloadException(String field, String message) {
        super(ProblemException.badRequest(field, message).problem());
    }
}
