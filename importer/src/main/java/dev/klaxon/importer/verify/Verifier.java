package dev.klaxon.importer.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.klaxon.Klaxon;
import dev.klaxon.importer.klaxon.KlaxonTypes;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Mapping;
import dev.klaxon.importer.source.Source;
import dev.klaxon.importer.source.Source.SourceShift;

/** Asks the source and Klaxon who is on call at the check's instants, schedule by schedule. */
public final class Verifier {

    /** The verdict for one schedule. */
    public record ScheduleResult(Specs.Schedule schedule, int instants, List<OnCallCheck.Mismatch> mismatches) {
    }

    private final Source source;
    private final Klaxon klaxon;
    private final ImporterConfig.Verify config;

    public Verifier(Source source, Klaxon klaxon, ImporterConfig.Verify config) {
        this.source = source;
        this.klaxon = klaxon;
        this.config = config;
    }

    /**
     * Compares every schedule that Klaxon now holds over {@code [from, from + horizon)}.
     *
     * @param ids Klaxon ids by reference (people and schedules)
     */
    public List<ScheduleResult> verify(List<Specs.Schedule> schedules, Map<String, UUID> ids, Instant from) {
        Map<UUID, String> refOf = new HashMap<>();
        ids.forEach((ref, id) -> refOf.put(id, ref));
        Instant to = from.plus(config.horizon());
        List<ScheduleResult> out = new ArrayList<>();
        for (Specs.Schedule s : schedules) {
            UUID id = ids.get(s.ref());
            if (id == null) {
                continue;
            }
            List<SourceShift> shifts = source.onCall(s, from, to);
            List<Instant> instants = OnCallCheck.instants(shifts, from, to, config.sampleEvery());
            List<OnCallCheck.Mismatch> mismatches = OnCallCheck.compare(shifts, instants, at -> {
                KlaxonTypes.OnCall answer = klaxon.http().call("GET /api/v1/schedules/" + id + "/oncall",
                        () -> klaxon.escalation().onCall(id, at.toString()));
                Set<String> who = new TreeSet<>();
                answer.users().forEach(u -> who.add(refOf.getOrDefault(u.userId(), "klaxon:" + u.userId())));
                who.removeIf(Mapping::isNobody);
                return who;
            });
            out.add(new ScheduleResult(s, instants.size(), mismatches));
        }
        return out;
    }
}
