package dev.klaxon.importer;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.klaxon.importer.apply.Applier;
import dev.klaxon.importer.config.ImporterConfig;
import dev.klaxon.importer.klaxon.Klaxon;
import dev.klaxon.importer.klaxon.KlaxonState;
import dev.klaxon.importer.plan.Plan;
import dev.klaxon.importer.plan.PlanPrinter;
import dev.klaxon.importer.plan.Planner;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Source;
import dev.klaxon.importer.source.SourceException;
import dev.klaxon.importer.verify.OnCallCheck;
import dev.klaxon.importer.verify.Verifier;

/** One import: read the source and Klaxon, print the plan, apply it unless dry-running, then check who is on call. */
public final class ImportRun {

    /** Exit codes: done and on-call matches; a source or Klaxon failed; the on-call check found mismatches. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int MISMATCHES = 3;

    /** Mismatches printed per schedule; the rest are counted. */
    static final int MAX_MISMATCH_LINES = 25;

    private final Source source;
    private final Klaxon klaxon;
    private final ImporterConfig config;
    private final PrintStream out;

    public ImportRun(Source source, Klaxon klaxon, ImporterConfig config, PrintStream out) {
        this.source = source;
        this.klaxon = klaxon;
        this.config = config;
        this.out = out;
    }

    public int run(boolean dryRun, boolean verify, Instant now) {
        out.println("Klaxon import from " + source.name() + " (" + source.location() + ")"
                + (dryRun ? " — dry run: nothing is written" : ""));
        Snapshot snapshot;
        KlaxonState before;
        try {
            snapshot = source.read(now);
            out.println("Read from " + source.name() + ": " + snapshot.people().size() + " people, "
                    + snapshot.teams().size() + " teams, " + snapshot.schedules().size() + " schedules, "
                    + snapshot.policies().size() + " escalation policies, " + snapshot.integrations().size()
                    + " integrations (" + source.http().requests() + " requests, " + source.http().rateLimited()
                    + " rate-limited and retried)");
            before = klaxon.read();
        } catch (SourceException e) {
            out.println("FAILED: " + e.getMessage());
            return FAILED;
        }
        Plan plan = Planner.plan(snapshot, before, now);
        PlanPrinter.print(plan, out);
        if (dryRun) {
            out.println("Dry run: run again without --dry-run to apply this plan.");
            // schedules Klaxon already holds as the source has them can be checked without writing anything
            List<Plan.Item> held = plan.of(Plan.Kind.SCHEDULE).stream().filter(i -> !i.writes()).toList();
            if (!verify || held.isEmpty()) {
                return OK;
            }
            Map<String, java.util.UUID> ids = new HashMap<>(plan.knownIds());
            return check(held, snapshot, ids, now);
        }
        Applier.Result result;
        try {
            result = new Applier(klaxon, before, out::println).apply(plan);
        } catch (Applier.ApplyException e) {
            out.println("FAILED: " + e.getMessage());
            return FAILED;
        }
        out.println("Applied: created " + result.created() + ", updated " + result.updated() + ", unchanged "
                + result.unchanged());
        if (!result.senders().isEmpty()) {
            out.println("Point each sender at its Klaxon integration:");
            result.senders().forEach(s -> out.println("  " + s));
        }
        if (!verify) {
            return OK;
        }
        return check(plan.of(Plan.Kind.SCHEDULE), snapshot, result.ids(), now);
    }

    private int check(List<Plan.Item> items, Snapshot snapshot, Map<String, java.util.UUID> ids, Instant now) {
        List<Specs.Schedule> schedules = items.stream().map(i -> (Specs.Schedule) i.spec()).toList();
        if (schedules.isEmpty()) {
            return OK;
        }
        Map<String, String> names = new HashMap<>();
        snapshot.people().forEach(p -> names.put(p.ref(), p.name()));
        out.println("On-call check: who " + source.name() + " and Klaxon have on call at every hand-off and every "
                + human(config.verify().sampleEvery()) + " over the next " + human(config.verify().horizon())
                + " from " + now);
        List<Verifier.ScheduleResult> results;
        try {
            results = new Verifier(source, klaxon, config.verify()).verify(schedules, ids, now);
        } catch (SourceException e) {
            out.println("FAILED: " + e.getMessage());
            return FAILED;
        }
        int total = 0;
        for (Verifier.ScheduleResult r : results) {
            total += r.mismatches().size();
            out.println("  " + r.schedule().name() + ": " + r.instants() + " instants compared, "
                    + r.mismatches().size() + " mismatch" + (r.mismatches().size() == 1 ? "" : "es"));
            ZoneId zone = ZoneId.of(r.schedule().timeZone());
            List<OnCallCheck.Mismatch> lines = OnCallCheck.collapse(r.mismatches());
            for (OnCallCheck.Mismatch m : lines.subList(0, Math.min(lines.size(), MAX_MISMATCH_LINES))) {
                out.println("    MISMATCH at " + m.at() + " (" + LOCAL.format(m.at().atZone(zone)) + "): "
                        + source.name() + " has " + OnCallCheck.names(m.source(), names) + ", Klaxon has "
                        + OnCallCheck.names(m.klaxon(), names));
            }
            if (lines.size() > MAX_MISMATCH_LINES) {
                out.println("    … and " + (lines.size() - MAX_MISMATCH_LINES) + " more stretches that differ");
            }
        }
        if (total == 0) {
            out.println("On-call matches " + source.name() + " at every instant compared.");
            return OK;
        }
        out.println(total + " instants differ: see the mismatches above.");
        return MISMATCHES;
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz");

    private static String human(java.time.Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() % 7 == 0 ? d.toDays() / 7 + " weeks" : d.toDays() + " days";
        }
        return d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
