package dev.klaxon.kit.rest;

/** The admin-API roles carried in the bearer token's {@code groups} claim. */
public final class Roles {
    /** Configures everything. */
    public static final String ADMIN = "admin";
    /** Acts on incidents (acknowledge, resolve, notes). */
    public static final String RESPONDER = "responder";
    /** Reads. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
