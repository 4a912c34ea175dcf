package dev.klaxon.importer.plan;

import java.io.PrintStream;
import java.util.List;

import dev.klaxon.importer.plan.Plan.Action;
import dev.klaxon.importer.plan.Plan.Item;
import dev.klaxon.importer.plan.Plan.Kind;
import dev.klaxon.importer.source.Snapshot;

/** Prints a plan for people: one line per object, what changes, and what cannot be mapped and why. */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    public static void print(Plan plan, PrintStream out) {
        for (Kind kind : Kind.values()) {
            List<Item> items = plan.of(kind);
            if (items.isEmpty()) {
                continue;
            }
            out.println(kind.title);
            for (Item i : items) {
                out.println("  " + symbol(i) + " " + verb(i) + " " + i.label() + "   [" + i.ref() + "]");
                for (String c : i.changes()) {
                    out.println("        " + c);
                }
            }
        }
        if (!plan.notes().isEmpty()) {
            out.println("Cannot map (or only approximately)");
            for (Snapshot.Note n : plan.notes()) {
                out.println("  ! " + n.subject() + " → " + n.reason());
            }
        }
        out.println("Plan: create " + plan.count(Action.CREATE) + ", update " + plan.updates() + ", unchanged "
                + plan.unchanged() + ", cannot map " + plan.notes().size());
    }

    private static String symbol(Item i) {
        return switch (i.action()) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case LINK -> "=";
            case UNCHANGED -> i.writes() ? "~" : "=";
        };
    }

    private static String verb(Item i) {
        return switch (i.action()) {
            case CREATE -> "create   ";
            case UPDATE -> "update   ";
            case LINK -> "link     ";
            case UNCHANGED -> i.writes() ? "update   " : "unchanged";
        };
    }
}
