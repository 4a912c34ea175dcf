package dev.klaxon.importer.source;

import java.time.Instant;
import java.util.List;

import dev.klaxon.importer.plan.Specs;

/** An on-call tool to move from: read everything, and say who it has on call when. */
public interface Source {

    /** Its name as people know it: "PagerDuty". */
    String name();

    /** Where it was read from, for the output. */
    String location();

    /** Reads the source and maps it; {@code now} decides which overrides still lie ahead. */
    Snapshot read(Instant now);

    /** The source's own answer: who it has on call when in the schedule, over {@code [from, to)}. */
    List<SourceShift> onCall(Specs.Schedule schedule, Instant from, Instant to);

    /** Requests made, of which rate-limited, for the summary. */
    Retrying http();

    /**
     * One stretch of the source's final schedule.
     *
     * @param personRef the reference of the person it names (as in {@link Specs.Person#ref()})
     * @param who their name as the source gives it
     */
    record SourceShift(String personRef, String who, Instant start, Instant end) {
    }
}
