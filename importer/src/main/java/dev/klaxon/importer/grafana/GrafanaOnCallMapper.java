package dev.klaxon.importer.grafana;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Mapping;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Snapshot.Note;

/**
 * Maps a Grafana OnCall organisation onto Klaxon. Pure, so each rule is unit-tested:
 * <ul>
 * <li>users → people (username, email, Slack id, time zone, role; the API gives no phone numbers), their default
 * personal notification rules by Slack and email with the waits between them, team memberships;</li>
 * <li>web and calendar schedules → rotations: a {@code rolling_users} shift hands off every {@code interval}
 * {@code frequency}, its events ({@code start} + {@code duration}, on {@code by_day}) become active hours, its
 * {@code level} the layer (the higher level wins); groups of several people on call together become parallel
 * rotations; {@code recurrent_event} and {@code single_event} shifts keep their people on call during their events;
 * {@code override} shifts ahead become overrides; iCal schedules cannot be followed;</li>
 * <li>escalation chains → policies: notify steps up to a {@code wait} make one step with that wait as its timeout;
 * {@code repeat_escalation} repeats the chain (up to 5 times, as OnCall does);</li>
 * <li>Grafana, Alertmanager, Sentry and webhook integrations → Klaxon integrations with new URLs.</li>
 * </ul>
 */
public final class GrafanaOnCallMapper {

    /** How often Grafana OnCall repeats a chain with repeat_escalation. */
    static final int ONCALL_REPEATS = 5;

    private GrafanaOnCallMapper() {
    }

    public static String ref(String kind, String id) {
        return "grafana-oncall:" + kind + ":" + id;
    }

    public static Snapshot map(GrafanaOnCallExport e, Instant now) {
        return new Run(e, now).map();
    }

    private static final class Run {
        final GrafanaOnCallExport e;
        final Instant now;
        final List<Note> notes = new ArrayList<>();
        final Map<String, Specs.Person> people = new LinkedHashMap<>();

        Run(GrafanaOnCallExport e, Instant now) {
            this.e = e;
            this.now = now;
        }

        Snapshot map() {
            Map<String, List<String>> membersByTeam = new LinkedHashMap<>();
            for (JsonNode u : e.users()) {
                String id = Json.text(u, "id");
                people.put(id, person(u));
                for (JsonNode t : Json.list(u, "teams")) {
                    membersByTeam.computeIfAbsent(t.asText(), k -> new ArrayList<>()).add(ref("user", id));
                }
            }
            if (!people.isEmpty()) {
                notes.add(new Note("Grafana OnCall people's phone numbers", "not imported: the OnCall API does not "
                        + "give them; add phone in Klaxon for SMS pages"));
            }
            List<Specs.Team> teams = new ArrayList<>();
            Mapping.Names teamNames = new Mapping.Names();
            for (JsonNode t : e.teams()) {
                String id = Json.text(t, "id");
                teams.add(new Specs.Team(ref("team", id), teamNames.unique(Json.text(t, "name"), id), null,
                        membersByTeam.getOrDefault(id, List.of())));
            }
            List<Specs.Schedule> schedules = new ArrayList<>();
            Mapping.Names scheduleNames = new Mapping.Names();
            for (JsonNode s : e.schedules()) {
                Specs.Schedule mapped = schedule(s, scheduleNames);
                if (mapped != null) {
                    schedules.add(mapped);
                }
            }
            List<Specs.Policy> policies = new ArrayList<>();
            Mapping.Names policyNames = new Mapping.Names();
            for (JsonNode c : e.chains()) {
                Specs.Policy p = chain(c, policyNames);
                if (p != null) {
                    policies.add(p);
                }
            }
            List<Specs.Integration> integrations = new ArrayList<>();
            for (JsonNode i : e.integrations()) {
                Specs.Integration mapped = integration(i);
                if (mapped != null) {
                    integrations.add(mapped);
                }
            }
            return new Snapshot(List.copyOf(people.values()), teams, schedules, policies, integrations, notes);
        }

        // ---- people

        Specs.Person person(JsonNode u) {
            String id = Json.text(u, "id");
            String name = Json.textOr(u, "username", Json.textOr(u, "email", id));
            String who = "Grafana OnCall user '" + name + "'";
            JsonNode slack = u.path("slack");
            if (slack.isArray()) {
                slack = slack.size() == 0 ? null : slack.get(0);
            }
            String slackId = Json.text(slack, "user_id");
            String zone = Mapping.zone(Json.text(u, "timezone"));
            List<Specs.Rule> rules = new ArrayList<>();
            int delayMinutes = 0;
            boolean important = false;
            for (JsonNode r : sorted(e.notificationRules().getOrDefault(id, List.of()))) {
                if (Json.bool(r, "important", false)) {
                    important = true;
                    continue;
                }
                String type = Json.textOr(r, "type", "");
                switch (type) {
                    case "wait" -> {
                        Integer seconds = Json.integer(r, "duration");
                        delayMinutes += seconds == null ? 5 : (seconds + 59) / 60;
                    }
                    case "notify_by_email" -> rules.add(new Specs.Rule("EMAIL", delayMinutes));
                    case "notify_by_slack" -> {
                        if (slackId != null) {
                            rules.add(new Specs.Rule("SLACK", delayMinutes));
                        } else {
                            notes.add(new Note(who + " Slack notification", "not imported: no Slack account linked"));
                        }
                    }
                    case "notify_by_sms", "notify_by_phone_call" -> notes.add(new Note(who + " "
                            + type.substring("notify_by_".length()).replace('_', ' ') + " after " + delayMinutes
                            + " min", "not imported: Grafana OnCall's API does not give the phone number; add it in "
                            + "Klaxon, then an SMS rule"));
                    default -> notes.add(new Note(who + " " + type.replace('_', ' ') + " after " + delayMinutes
                            + " min", "not imported: Klaxon has no such contact method"));
                }
            }
            if (important) {
                notes.add(new Note(who + " important notification rules", "not imported: Klaxon has one set of "
                        + "rules per person (the default ones are)"));
            }
            return new Specs.Person(ref("user", id), name, Json.text(u, "email"), null, slackId, zone,
                    Json.text(u, "role"), Mapping.rules(rules), false);
        }

        static List<JsonNode> sorted(List<JsonNode> byPosition) {
            List<JsonNode> out = new ArrayList<>(byPosition);
            out.sort(java.util.Comparator.comparing(n -> Json.integer(n, "position") == null ? 0
                    : Json.integer(n, "position")));
            return out;
        }

        String user(String id, String where) {
            if (!people.containsKey(id)) {
                Specs.Person p = Mapping.placeholder(ref("user", id), "Grafana OnCall user " + id
                        + " (deleted in Grafana OnCall)");
                people.put(id, p);
                notes.add(new Note("Grafana OnCall user " + id + " in " + where, "no longer a user of the "
                        + "organisation but still takes turns: a placeholder person without contact methods keeps the "
                        + "rotation's order; take them out of the rotation"));
            }
            return ref("user", id);
        }

        // ---- schedules

        Specs.Schedule schedule(JsonNode s, Mapping.Names names) {
            String id = Json.text(s, "id");
            String name = Json.textOr(s, "name", id);
            String type = Json.textOr(s, "type", "calendar");
            if ("ical".equals(type)) {
                notes.add(new Note("Grafana OnCall schedule '" + name + "' (iCal " + Json.text(s, "ical_url_primary")
                        + ")", "not imported: Klaxon does not follow an external calendar; recreate its rotations"));
                return null;
            }
            if (Json.text(s, "ical_url_overrides") != null) {
                notes.add(new Note("Grafana OnCall schedule '" + name + "' overrides calendar",
                        "not imported: Klaxon does not follow an external calendar"));
            }
            String zone = Mapping.zone(Json.textOr(s, "time_zone", "UTC"));
            zone = zone == null ? "UTC" : zone;
            List<Specs.Rotation> rotations = new ArrayList<>();
            List<Specs.Override> overrides = new ArrayList<>();
            for (JsonNode shift : e.shifts().getOrDefault(id, List.of())) {
                shift(shift, name, zone, rotations, overrides);
            }
            if (rotations.isEmpty()) {
                notes.add(new Note("Grafana OnCall schedule '" + name + "'", "not imported: it has no shift Klaxon "
                        + "can hold"));
                return null;
            }
            return new Specs.Schedule(ref("schedule", id), id, names.unique(name, id), zone, rotations, overrides);
        }

        void shift(JsonNode shift, String scheduleName, String scheduleZone, List<Specs.Rotation> rotations,
                List<Specs.Override> overrides) {
            String shiftName = Json.textOr(shift, "name", Json.text(shift, "id"));
            String where = "schedule '" + scheduleName + "' shift '" + shiftName + "'";
            String type = Json.textOr(shift, "type", "");
            String shiftZone = Mapping.zone(Json.text(shift, "time_zone"));
            ZoneId zone = ZoneId.of(shiftZone == null ? scheduleZone : shiftZone);
            ZoneId target = ZoneId.of(scheduleZone);
            if (!zone.equals(target)) {
                notes.add(new Note("Grafana OnCall " + where + " in " + zone, "converted to the schedule's zone "
                        + scheduleZone + ": exact only while the two zones keep the same offset"));
            }
            LocalDateTime start = LocalDateTime.parse(Json.text(shift, "start"));
            Integer durationSeconds = Json.integer(shift, "duration");
            long duration = durationSeconds == null ? 86400 : durationSeconds;
            Instant startAt = start.atZone(zone).toInstant();
            int level = Json.integer(shift, "level") == null ? 0 : Json.integer(shift, "level");
            switch (type) {
                case "override" -> {
                    Instant end = startAt.plusSeconds(duration);
                    if (end.isAfter(now)) {
                        for (JsonNode u : users(shift)) {
                            overrides.add(new Specs.Override(user(u.asText(), where), startAt, end));
                        }
                    }
                }
                case "single_event" -> {
                    Instant end = startAt.plusSeconds(duration);
                    if (!end.isAfter(now)) {
                        return;
                    }
                    int n = 0;
                    for (JsonNode u : users(shift)) {
                        rotations.add(new Specs.Rotation(shiftName + (n++ == 0 ? "" : " (" + n + ")"), "DAILY", 1,
                                LocalDateTime.ofInstant(startAt, target), List.of(user(u.asText(), where)), level,
                                List.of(), startAt, end));
                    }
                }
                case "rolling_users", "recurrent_event" -> recurring(shift, type, where, start, zone, target,
                        duration, level, rotations);
                default -> notes.add(new Note("Grafana OnCall " + where + " of type " + type, "not imported"));
            }
        }

        static List<JsonNode> users(JsonNode shift) {
            return Json.list(shift, "users");
        }

        void recurring(JsonNode shift, String type, String where, LocalDateTime start, ZoneId zone, ZoneId target,
                long duration, int level, List<Specs.Rotation> rotations) {
            String shiftName = Json.textOr(shift, "name", Json.text(shift, "id"));
            String frequency = Json.textOr(shift, "frequency", "weekly");
            int interval = Json.integer(shift, "interval") == null ? 1 : Json.integer(shift, "interval");
            if (!Json.list(shift, "by_month").isEmpty() || !Json.list(shift, "by_monthday").isEmpty()
                    || "monthly".equals(frequency)) {
                notes.add(new Note("Grafana OnCall " + where + " (" + frequency + ", by month or day of month)",
                        "not imported: Klaxon's rotations hand off every so many hours, days or weeks"));
                return;
            }
            String until = Json.text(shift, "until");
            Instant untilAt = until == null ? null : LocalDateTime.parse(until).atZone(zone).toInstant()
                    .plusSeconds(duration);
            if (untilAt != null && !untilAt.isAfter(now)) {
                return; // a rotation that has ended
            }
            String rotationStart = Json.text(shift, "rotation_start");
            Instant from = start.atZone(zone).toInstant();
            if (rotationStart != null) {
                Instant rs = LocalDateTime.parse(rotationStart).atZone(zone).toInstant();
                from = rs.isAfter(from) ? rs : from;
            }
            // groups of people on call together, in turn; a recurrent event has one group that never changes
            List<List<String>> groups = new ArrayList<>();
            if (type.equals("rolling_users")) {
                for (JsonNode g : Json.list(shift, "rolling_users")) {
                    List<String> group = new ArrayList<>();
                    g.forEach(u -> group.add(user(u.asText(), where)));
                    if (!group.isEmpty()) {
                        groups.add(group);
                    }
                }
                Integer first = Json.integer(shift, "start_rotation_from_user_index");
                if (first != null && first > 0 && !groups.isEmpty()) {
                    int k = first % groups.size();
                    List<List<String>> rotated = new ArrayList<>(groups.subList(k, groups.size()));
                    rotated.addAll(groups.subList(0, k));
                    groups = rotated;
                }
            } else {
                List<String> group = new ArrayList<>();
                users(shift).forEach(u -> group.add(user(u.asText(), where)));
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
            if (groups.isEmpty()) {
                notes.add(new Note("Grafana OnCall " + where, "not imported: nobody is in it"));
                return;
            }
            Set<Integer> sizes = new LinkedHashSet<>();
            groups.forEach(g -> sizes.add(g.size()));
            int width = groups.get(0).size();
            if (sizes.size() > 1) {
                width = 1;
                notes.add(new Note("Grafana OnCall " + where + " groups of " + sizes + " people",
                        "only the first person of each group is imported: Klaxon keeps parallel rotations of equal "
                                + "length"));
            }
            String unit;
            long periodSeconds;
            switch (frequency) {
                case "hourly" -> {
                    unit = "HOURLY";
                    periodSeconds = 3600L * interval;
                }
                case "daily" -> {
                    unit = "DAILY";
                    periodSeconds = 86400L * interval;
                }
                default -> {
                    unit = "WEEKLY";
                    periodSeconds = 7 * 86400L * interval;
                }
            }
            List<DayOfWeek> byDay = new ArrayList<>();
            for (JsonNode d : Json.list(shift, "by_day")) {
                byDay.add(day(d.asText()));
            }
            // the first hand-off: the event's start, or for weekly events on given days the start of its week
            LocalDateTime handoff = LocalDateTime.ofInstant(start.atZone(zone).toInstant(), target);
            if (unit.equals("WEEKLY") && !byDay.isEmpty()) {
                DayOfWeek weekStart = day(Json.textOr(shift, "week_start", "SU"));
                handoff = handoff.with(TemporalAdjusters.previousOrSame(weekStart));
            }
            List<Specs.Restriction> restrictions = new ArrayList<>();
            boolean exact = interval == 1;
            if (duration < periodSeconds) {
                int minutes = (int) Math.min(Mapping.MAX_WINDOW_MINUTES, Math.max(1, duration / 60));
                java.time.LocalTime at = LocalDateTime.ofInstant(start.atZone(zone).toInstant(), target).toLocalTime();
                switch (unit) {
                    case "HOURLY" -> {
                        exact = false;
                        notes.add(new Note("Grafana OnCall " + where + " events of " + duration / 60 + " min every "
                                + interval + " h", "imported as on call around the clock: Klaxon's active hours "
                                + "repeat daily or weekly"));
                    }
                    case "DAILY" -> {
                        restrictions.add(new Specs.Restriction(byDay, at, Math.min(minutes, 24 * 60)));
                        if (!byDay.isEmpty() && byDay.size() < 7) {
                            exact = false;
                            notes.add(new Note("Grafana OnCall " + where + " daily on " + byDay, "imported as a "
                                    + "daily rotation on those days: Klaxon counts every day towards the hand-off"));
                        }
                    }
                    default -> restrictions.add(new Specs.Restriction(byDay.isEmpty()
                            ? List.of(LocalDateTime.ofInstant(start.atZone(zone).toInstant(), target).getDayOfWeek())
                            : byDay, at, minutes));
                }
            } else if (duration > periodSeconds) {
                exact = false;
                notes.add(new Note("Grafana OnCall " + where + " events longer than their " + frequency + " turn",
                        "imported as one person at a time: the overlaps are not kept"));
            }
            if (!exact && interval > 1) {
                notes.add(new Note("Grafana OnCall " + where + " every " + interval + " " + frequency + " turns",
                        "imported with the events of every " + frequency.replace("ly", "").replace("dai", "day")
                                + ": check the on-call comparison"));
            }
            for (int j = 0; j < width; j++) {
                List<String> participants = new ArrayList<>();
                for (List<String> g : groups) {
                    participants.add(g.get(j));
                }
                rotations.add(new Specs.Rotation(shiftName + (j == 0 ? "" : " (" + (j + 1) + ")"), unit, interval,
                        Mapping.startNoLaterThan(handoff, unit, interval, participants.size(),
                                LocalDateTime.ofInstant(from, target)),
                        participants, level, restrictions, from, untilAt));
            }
        }

        static DayOfWeek day(String ical) {
            return switch (ical.toUpperCase(java.util.Locale.ROOT)) {
                case "MO" -> DayOfWeek.MONDAY;
                case "TU" -> DayOfWeek.TUESDAY;
                case "WE" -> DayOfWeek.WEDNESDAY;
                case "TH" -> DayOfWeek.THURSDAY;
                case "FR" -> DayOfWeek.FRIDAY;
                case "SA" -> DayOfWeek.SATURDAY;
                default -> DayOfWeek.SUNDAY;
            };
        }

        // ---- escalation chains

        Specs.Policy chain(JsonNode c, Mapping.Names names) {
            String id = Json.text(c, "id");
            String name = Json.textOr(c, "name", id);
            String where = "Grafana OnCall escalation chain '" + name + "'";
            List<Specs.Step> steps = new ArrayList<>();
            List<Specs.Target> targets = new ArrayList<>();
            int repeat = 0;
            for (JsonNode p : sorted(e.chainSteps().getOrDefault(id, List.of()))) {
                String type = Json.textOr(p, "type", "");
                int position = (Json.integer(p, "position") == null ? 0 : Json.integer(p, "position")) + 1;
                if (Json.bool(p, "important", false)) {
                    notes.add(new Note(where + " step " + position + " (important)", "paged like any other: Klaxon "
                            + "has no important notifications"));
                }
                switch (type) {
                    case "wait" -> {
                        int seconds = Json.integer(p, "duration") == null ? 300 : Json.integer(p, "duration");
                        if (!targets.isEmpty()) {
                            steps.add(new Specs.Step(seconds, targets));
                            targets = new ArrayList<>();
                        } else if (!steps.isEmpty()) {
                            Specs.Step last = steps.remove(steps.size() - 1);
                            steps.add(new Specs.Step(Math.min(Mapping.MAX_TIMEOUT_SECONDS,
                                    (last.timeoutSeconds() == null ? 0 : last.timeoutSeconds()) + seconds),
                                    last.targets()));
                        } else {
                            notes.add(new Note(where + " starts with a wait of " + seconds + " s", "not kept: Klaxon "
                                    + "pages the first step at once"));
                        }
                    }
                    case "notify_persons" -> {
                        for (JsonNode u : Json.list(p, "persons_to_notify")) {
                            targets.add(new Specs.Target("USER", user(u.asText(), where)));
                        }
                    }
                    case "notify_on_call_from_schedule" -> targets.add(new Specs.Target("SCHEDULE",
                            ref("schedule", Json.text(p, "notify_on_call_from_schedule"))));
                    case "notify_team_members" -> targets.add(new Specs.Target("TEAM",
                            ref("team", Json.text(p, "team_to_notify"))));
                    case "repeat_escalation" -> repeat = ONCALL_REPEATS;
                    case "notify_person_next_each_time" -> notes.add(new Note(where + " step " + position
                            + " (notify the next person each time)", "not imported: Klaxon pages the same people each "
                            + "time; use a schedule"));
                    default -> notes.add(new Note(where + " step " + position + " (" + type.replace('_', ' ') + ")",
                            "not imported: Klaxon's steps page people, schedules and teams"));
                }
            }
            if (!targets.isEmpty()) {
                steps.add(new Specs.Step(null, targets));
            }
            if (steps.isEmpty()) {
                notes.add(new Note(where, "not imported: it pages nobody Klaxon can page"));
                return null;
            }
            return new Specs.Policy(ref("chain", id), names.unique(name, id), repeat, steps);
        }

        // ---- integrations

        Specs.Integration integration(JsonNode i) {
            String id = Json.text(i, "id");
            String name = Json.textOr(i, "name", id);
            String type = Json.textOr(i, "type", "");
            String chain = Json.text(i.path("default_route"), "escalation_chain_id");
            if (chain != null) {
                notes.add(new Note("Grafana OnCall integration '" + name + "' → escalation chain " + chain,
                        "Klaxon routes alerts to a policy by triage rule: add \"escalationPolicy\" to the triage rule "
                                + "matching service \"" + name + "\" (POST :8082/api/v1/rules)"));
            }
            String kind = switch (type) {
                case "grafana_alerting", "grafana" -> "grafana";
                case "alertmanager", "legacy_alertmanager" -> "alertmanager";
                case "sentry", "sentry_platform" -> "sentry";
                case "webhook", "formatted_webhook" -> "generic";
                default -> null;
            };
            if (kind == null) {
                notes.add(new Note("Grafana OnCall integration '" + name + "' (" + type + ")", "not imported: Klaxon "
                        + "receives Grafana, Alertmanager, Sentry, Events API v2, uptime monitors and its generic "
                        + "webhook"));
                return null;
            }
            String hint = switch (kind) {
                case "generic" -> "the sender must post Klaxon's generic alert shape ({\"title\",\"status\",…})";
                case "grafana" -> "set it as the webhook contact point's URL";
                case "alertmanager" -> "set it as the receiver's webhook_configs url";
                default -> "set it as the webhook URL of Sentry's integration";
            };
            return new Specs.Integration(ref("integration", id), name, kind, name, null, hint);
        }
    }
}
