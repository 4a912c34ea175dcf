package dev.klaxon.kit.runtime;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who this process is among the replicas of its service: a stable name that a restarted process takes over (the
 * host and port, or {@code KLAXON_INSTANCE_ID}), and an incarnation that is new at every start. Work claimed under
 * the name of an earlier incarnation belongs to a process that is gone, so its successor takes it over at once.
 */
@ApplicationScoped
public class Instance {

    private final String name;
    private final String incarnation = UUID.randomUUID().toString();

    public Instance(@ConfigProperty(name = "klaxon.instance.id") String name) {
        this.name = name;
    }

    /** The replica's stable name, such as {@code checkout-7d9f-x2k/8084} or {@code localhost-8084}. */
    public String name() {
        return name;
    }

    /** What this process writes as the owner of work it holds: its name and its incarnation. */
    public String owner() {
        return name + "/" + incarnation;
    }

    /** The owner prefix every incarnation of this replica shares, for finding what an earlier one left behind. */
    public String ownerPrefix() {
        return name + "/";
    }
}
