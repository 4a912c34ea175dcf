package dev.klaxon.escalation.incident.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.klaxon.escalation.incident.Incident;
import dev.klaxon.escalation.incident.TimelineEntry;

/**
 * A post-mortem draft in the runbooks' template: the facts Klaxon knows (title, severity, date, duration, the
 * timeline) filled in, and the sections only people can write (root cause, impact, actions) left as prompts.
 * Pure, so the template is unit-tested.
 */
public final class PostmortemDraft {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private PostmortemDraft() {
    }

    public static String markdown(Incident i, List<TimelineEntry> timeline, Instant now) {
        Instant end = i.resolvedAt() != null ? i.resolvedAt() : now;
        StringBuilder md = new StringBuilder();
        md.append("# Post-Mortem: ").append(i.title()).append("\n\n");
        md.append("**Date:** ").append(DATE.format(i.createdAt())).append("  \n");
        md.append("**Severity:** ").append(i.severity()).append("  \n");
        md.append("**Duration:** ").append(duration(i.createdAt(), end))
                .append(i.resolvedAt() == null ? " (still open)" : "").append("  \n");
        md.append("**Incident:** ").append(i.reference()).append(i.service() == null ? "" : " · service "
                + i.service()).append("  \n");
        md.append("**Author:** [Name]\n\n");
        md.append("## Summary\n");
        md.append(i.reference()).append(" (").append(i.title()).append(") was triggered at ")
                .append(TIME.format(i.createdAt())).append(" UTC");
        if (i.acknowledgedAt() != null) {
            md.append(", acknowledged by ").append(i.acknowledgedBy()).append(" after ")
                    .append(duration(i.createdAt(), i.acknowledgedAt()));
        }
        if (i.resolvedAt() != null) {
            md.append(" and resolved by ").append(i.resolvedBy()).append(" after ")
                    .append(duration(i.createdAt(), i.resolvedAt()));
        }
        md.append(". [What happened and how it was resolved, in 2–3 sentences.]\n\n");
        md.append("## Timeline (UTC)\n| Time | Event |\n|------|-------|\n");
        for (TimelineEntry e : timeline) {
            md.append("| ").append(TIME.format(e.at())).append(" | ").append(e.type().name().replace('_', ' '))
                    .append(": ").append(e.message().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append("\n## Root Cause\n[Detailed explanation of what caused the incident]\n\n");
        md.append("## Impact\n- Users affected: [number or percentage]\n- Failed requests: [count]\n")
                .append("- Data loss: [yes/no, details]\n- Revenue impact: [if applicable]\n\n");
        md.append("## What Went Well\n- [Thing 1]\n\n## What Went Poorly\n- [Thing 1]\n\n");
        md.append("## Action Items\n| Action | Owner | Due Date | Status |\n|--------|-------|----------|--------|\n")
                .append("| [Action 1] | [Name] | YYYY-MM-DD | [ ] |\n\n");
        md.append("## Lessons Learned\n[Key takeaways for the team]\n");
        return md.toString();
    }

    /** "23 minutes", "2 h 5 min". */
    static String duration(Instant from, Instant to) {
        long minutes = Math.max(0, Duration.between(from, to).toMinutes());
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
