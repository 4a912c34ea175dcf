package dev.klaxon.ingest.webhook.parser;

import dev.klaxon.kit.rest.ProblemException;

/** A webhook whose signature or credentials do not match its integration's secret: 401. */
public class Unauthenticated extends ProblemException {

    public Unauthenticated(String detail) {
        super(401, "Signature or credentials do not match this integration", detail);
    }
}
