package dev.klaxon.importer.opsgenie;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Mapping;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Snapshot.Note;

/**
 * Maps an Opsgenie account onto Klaxon. Pure, so each rule is unit-tested:
 * <ul>
 * <li>users → people (full name, username as email, time zone, role; an SMS, else voice, contact is the phone), the
 * steps of their "create alert" notification rules by email and SMS with their delays;</li>
 * <li>schedule rotations → rotations on call together (Opsgenie's schedule has everyone its rotations have on call):
 * hourly/daily/weekly turns from the rotation's start in the schedule's zone, {@code timeRestriction} as active hours,
 * its start and end date as the active period; a {@code none} turn is held by a placeholder that pages nobody;</li>
 * <li>overrides ahead that cover the whole schedule, teams with their members, escalations (rules grouped by their
 * delay from the alert, the gap to the next one as the step's timeout, repeat), and Prometheus, Grafana, Sentry and
 * API integrations; heartbeats are listed to be recreated.</li>
 * </ul>
 */
public final class OpsgenieMapper {

    public static final String NOBODY = "opsgenie:nobody";

    private OpsgenieMapper() {
    }

    public static String ref(String kind, String id) {
        return "opsgenie:" + kind + ":" + id;
    }

    public static Snapshot map(OpsgenieExport e, Instant now) {
        return new Run(e, now).map();
    }

    private static final class Run {
        final OpsgenieExport e;
        final Instant now;
        final List<Note> notes = new ArrayList<>();
        final Map<String, Specs.Person> people = new LinkedHashMap<>();

        Run(OpsgenieExport e, Instant now) {
            this.e = e;
            this.now = now;
        }

        Snapshot map() {
            for (JsonNode u : e.users()) {
                people.put(Json.text(u, "id"), person(u));
            }
            List<Specs.Team> teams = new ArrayList<>();
            Mapping.Names teamNames = new Mapping.Names();
            for (JsonNode t : e.teams()) {
                String id = Json.text(t, "id");
                List<String> members = new ArrayList<>();
                for (JsonNode m : Json.list(t, "members")) {
                    String uid = Json.text(m.path("user"), "id");
                    if (people.containsKey(uid)) {
                        members.add(ref("user", uid));
                    } else {
                        notes.add(new Note("Opsgenie team '" + Json.text(t, "name") + "' member "
                                + Json.textOr(m.path("user"), "username", uid), "left out: not a user Opsgenie lists"));
                    }
                }
                teams.add(new Specs.Team(ref("team", id), teamNames.unique(Json.text(t, "name"), id),
                        Json.text(t, "description"), members));
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
            for (JsonNode x : e.escalations()) {
                Specs.Policy p = escalation(x, policyNames);
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
            for (JsonNode h : e.heartbeats()) {
                notes.add(new Note("Opsgenie heartbeat '" + Json.text(h, "name") + "' (every "
                        + Json.text(h, "interval") + " " + Json.textOr(h, "intervalUnit", "minutes") + ")",
                        "not imported: recreate it at /api/v1/heartbeats (alert-ingest) and point the job's ping at "
                                + "its new URL"));
            }
            return new Snapshot(List.copyOf(people.values()), teams, schedules, policies, integrations, notes);
        }

        // ---- people

        Specs.Person person(JsonNode u) {
            String id = Json.text(u, "id");
            String name = Json.textOr(u, "fullName", Json.textOr(u, "username", id));
            String who = "Opsgenie user '" + name + "'";
            String sms = null;
            String voice = null;
            for (JsonNode c : e.contacts().getOrDefault(id, List.of())) {
                if (!Json.bool(c, "enabled", true)) {
                    continue;
                }
                String method = Json.textOr(c, "method", "");
                String number = Mapping.e164(null, Json.text(c, "to"));
                if ("sms".equals(method) && sms == null) {
                    sms = number;
                } else if ("voice".equals(method) && voice == null) {
                    voice = number;
                }
            }
            String phone = sms != null ? sms : voice;
            List<Specs.Rule> rules = new ArrayList<>();
            for (JsonNode rule : e.notificationRules().getOrDefault(id, List.of())) {
                String action = Json.textOr(rule, "actionType", "");
                if (!"create-alert".equals(action)) {
                    if (!action.isEmpty()) {
                        notes.add(new Note(who + " notification rule '" + Json.text(rule, "name") + "' (" + action
                                + ")", "not imported: Klaxon's rules are for pages"));
                    }
                    continue;
                }
                if (!Json.bool(rule, "enabled", true)) {
                    continue;
                }
                for (JsonNode step : Json.list(rule, "steps")) {
                    if (!Json.bool(step, "enabled", true)) {
                        continue;
                    }
                    int delay = minutes(step.path("sendAfter"));
                    String method = Json.textOr(step.path("contact"), "method", "");
                    switch (method) {
                        case "email" -> rules.add(new Specs.Rule("EMAIL", delay));
                        case "sms", "voice" -> {
                            if (phone == null) {
                                notes.add(new Note(who + " " + method + " after " + delay + " min",
                                        "not imported: no number Klaxon accepts (E.164)"));
                                break;
                            }
                            rules.add(new Specs.Rule("SMS", delay));
                            if (method.equals("voice")) {
                                notes.add(new Note(who + " voice call after " + delay + " min", "an SMS instead: "
                                        + "Klaxon has no voice-call notification rule"));
                            }
                        }
                        default -> notes.add(new Note(who + " " + method + " notification after " + delay + " min",
                                "not imported: Klaxon has no such contact method"));
                    }
                }
            }
            JsonNode role = u.path("role");
            return new Specs.Person(ref("user", id), name, Json.text(u, "username"), phone, null,
                    Mapping.zone(Json.text(u, "timeZone")), Json.textOr(role, "name", Json.text(u, "role")),
                    Mapping.rules(rules), false);
        }

        static int minutes(JsonNode amount) {
            Integer n = Json.integer(amount, "timeAmount");
            String unit = Json.textOr(amount, "timeUnit", "minutes");
            int v = n == null ? 0 : n;
            return switch (unit) {
                case "hours" -> v * 60;
                case "days" -> v * 1440;
                default -> v;
            };
        }

        String participant(JsonNode p, String where) {
            String type = Json.textOr(p, "type", "user");
            if ("user".equals(type)) {
                String id = Json.text(p, "id");
                if (!people.containsKey(id)) {
                    String name = Json.textOr(p, "username", id);
                    people.put(id, Mapping.placeholder(ref("user", id), name + " (deleted in Opsgenie)"));
                    notes.add(new Note("Opsgenie user " + name + " in " + where, "not a user any more but still takes "
                            + "turns: a placeholder person without contact methods keeps the rotation's order; take "
                            + "them out of the rotation"));
                }
                return ref("user", id);
            }
            if (!people.containsKey("none")) {
                people.put("none", Mapping.placeholder(NOBODY, "Nobody (Opsgenie 'none' turn)"));
            }
            if (!"none".equals(type)) {
                notes.add(new Note("Opsgenie " + where + " participant " + type + " '" + Json.textOr(p, "name",
                        Json.text(p, "id")) + "'", "their turns are left to nobody: Klaxon's rotations take people"));
            }
            return NOBODY;
        }

        // ---- schedules

        Specs.Schedule schedule(JsonNode s, Mapping.Names names) {
            String id = Json.text(s, "id");
            String name = Json.textOr(s, "name", id);
            String zone = Mapping.zone(Json.text(s, "timezone"));
            zone = zone == null ? "UTC" : zone;
            ZoneId z = ZoneId.of(zone);
            List<Specs.Rotation> rotations = new ArrayList<>();
            Set<String> rotationIds = new HashSet<>();
            for (JsonNode r : Json.list(s, "rotations")) {
                String rname = Json.textOr(r, "name", Json.text(r, "id"));
                String where = "schedule '" + name + "' rotation '" + rname + "'";
                Instant start = Json.instant(r, "startDate");
                Instant end = Json.instant(r, "endDate");
                if (start == null || (end != null && !end.isAfter(now))) {
                    continue;
                }
                rotationIds.add(Json.text(r, "id"));
                List<String> who = new ArrayList<>();
                for (JsonNode p : Json.list(r, "participants")) {
                    who.add(participant(p, where));
                }
                if (who.isEmpty() || who.stream().allMatch(Mapping::isNobody)) {
                    notes.add(new Note("Opsgenie " + where, "not imported: nobody is in it"));
                    continue;
                }
                String type = Json.textOr(r, "type", "weekly").toUpperCase(Locale.ROOT);
                if (!List.of("HOURLY", "DAILY", "WEEKLY").contains(type)) {
                    notes.add(new Note("Opsgenie " + where + " of type " + type, "not imported"));
                    continue;
                }
                int length = Json.integer(r, "length") == null ? 1 : Json.integer(r, "length");
                rotations.add(new Specs.Rotation(rname, type, length, LocalDateTime.ofInstant(start, z), who, 0,
                        restrictions(r.path("timeRestriction"), where), start, end));
            }
            if (rotations.isEmpty()) {
                notes.add(new Note("Opsgenie schedule '" + name + "'", "not imported: no current rotation has anyone "
                        + "in it"));
                return null;
            }
            if (!Json.bool(s, "enabled", true)) {
                notes.add(new Note("Opsgenie schedule '" + name + "'", "disabled in Opsgenie; imported as it is"));
            }
            List<Specs.Override> overrides = new ArrayList<>();
            for (JsonNode o : e.overrides().getOrDefault(id, List.of())) {
                Instant oEnd = Json.instant(o, "endDate");
                if (oEnd == null || !oEnd.isAfter(now)) {
                    continue;
                }
                Set<String> only = new HashSet<>();
                Json.list(o, "rotations").forEach(r -> only.add(Json.text(r, "id")));
                String label = "Opsgenie schedule '" + name + "' override " + Json.textOr(o, "alias", "");
                if (!only.isEmpty() && !only.containsAll(rotationIds)) {
                    notes.add(new Note(label, "not imported: it covers only some rotations; Klaxon's overrides "
                            + "cover the whole schedule"));
                    continue;
                }
                JsonNode user = o.path("user");
                if (!"user".equals(Json.textOr(user, "type", "user"))) {
                    notes.add(new Note(label, "not imported: it names a " + Json.text(user, "type")));
                    continue;
                }
                overrides.add(new Specs.Override(participant(user, "schedule '" + name + "' override"),
                        Json.instant(o, "startDate"), oEnd));
            }
            return new Specs.Schedule(ref("schedule", id), id, names.unique(name, id), zone, rotations, overrides);
        }

        List<Specs.Restriction> restrictions(JsonNode tr, String where) {
            List<Specs.Restriction> out = new ArrayList<>();
            String type = Json.text(tr, "type");
            if (type == null) {
                return out;
            }
            if ("time-of-day".equals(type)) {
                JsonNode r = tr.has("restriction") ? tr.path("restriction") : tr;
                int from = minuteOfDay(r, "start");
                int to = minuteOfDay(r, "end");
                int minutes = Math.floorMod(to - from, 1440);
                out.add(new Specs.Restriction(List.of(), LocalTime.of(from / 60, from % 60),
                        minutes == 0 ? 1440 : minutes));
                return out;
            }
            for (JsonNode r : Json.list(tr, "restrictions")) {
                DayOfWeek startDay = DayOfWeek.valueOf(Json.textOr(r, "startDay", "monday").toUpperCase(Locale.ROOT));
                DayOfWeek endDay = DayOfWeek.valueOf(Json.textOr(r, "endDay", "monday").toUpperCase(Locale.ROOT));
                int from = (startDay.getValue() - 1) * 1440 + minuteOfDay(r, "start");
                int to = (endDay.getValue() - 1) * 1440 + minuteOfDay(r, "end");
                int minutes = Math.floorMod(to - from, Mapping.MAX_WINDOW_MINUTES);
                int start = minuteOfDay(r, "start");
                out.add(new Specs.Restriction(List.of(startDay), LocalTime.of(start / 60, start % 60),
                        minutes == 0 ? Mapping.MAX_WINDOW_MINUTES : minutes));
            }
            if (out.isEmpty()) {
                notes.add(new Note("Opsgenie " + where + " time restriction " + type, "not understood; imported "
                        + "around the clock"));
            }
            return out;
        }

        static int minuteOfDay(JsonNode r, String prefix) {
            Integer h = Json.integer(r, prefix + "Hour");
            Integer m = Json.integer(r, prefix + "Min");
            return (h == null ? 0 : h) * 60 + (m == null ? 0 : m);
        }

        // ---- escalations

        Specs.Policy escalation(JsonNode x, Mapping.Names names) {
            String id = Json.text(x, "id");
            String name = Json.textOr(x, "name", id);
            String where = "Opsgenie escalation '" + name + "'";
            TreeMap<Integer, List<Specs.Target>> byDelay = new TreeMap<>();
            for (JsonNode r : Json.list(x, "rules")) {
                int delay = minutes(r.path("delay"));
                JsonNode to = r.path("recipient");
                String type = Json.textOr(to, "type", "");
                String notify = Json.textOr(r, "notifyType", "default");
                if (!"if-not-acked".equals(Json.textOr(r, "condition", "if-not-acked"))) {
                    notes.add(new Note(where + " rule after " + delay + " min (" + Json.text(r, "condition") + ")",
                            "escalates only while not acknowledged: Klaxon's steps wait for an acknowledgement"));
                }
                if (!"default".equals(notify) && !"users".equals(notify)) {
                    notes.add(new Note(where + " rule after " + delay + " min (notify " + notify + ")",
                            "pages whoever the " + type + " has on call: Klaxon cannot page the next or previous "
                                    + "person, or only admins"));
                }
                Specs.Target target = switch (type) {
                    case "user" -> new Specs.Target("USER", participant(to, where));
                    case "schedule" -> new Specs.Target("SCHEDULE", ref("schedule", Json.text(to, "id")));
                    case "team" -> new Specs.Target("TEAM", ref("team", Json.text(to, "id")));
                    default -> null;
                };
                if (target == null || Mapping.isNobody(target.ref())) {
                    notes.add(new Note(where + " rule after " + delay + " min (" + type + ")", "not imported"));
                    continue;
                }
                byDelay.computeIfAbsent(delay, k -> new ArrayList<>()).add(target);
            }
            if (byDelay.isEmpty()) {
                notes.add(new Note(where, "not imported: it pages nobody Klaxon can page"));
                return null;
            }
            if (byDelay.firstKey() > 0) {
                notes.add(new Note(where + " first rule after " + byDelay.firstKey() + " min", "paged at once: "
                        + "Klaxon pages the first step when the incident opens"));
            }
            JsonNode repeat = x.path("repeat");
            int count = Json.integer(repeat, "count") == null ? 0 : Json.integer(repeat, "count");
            Integer wait = Json.integer(repeat, "waitInterval");
            List<Integer> delays = new ArrayList<>(byDelay.keySet());
            List<Specs.Step> steps = new ArrayList<>();
            for (int i = 0; i < delays.size(); i++) {
                Integer timeout = i + 1 < delays.size() ? (delays.get(i + 1) - delays.get(i)) * 60
                        : count > 0 && wait != null && wait > 0 ? wait * 60 : null;
                steps.add(new Specs.Step(timeout == null ? null : Math.max(1, Math.min(timeout,
                        Mapping.MAX_TIMEOUT_SECONDS)), byDelay.get(delays.get(i))));
            }
            if (Json.bool(repeat, "closeAlertAfterAll", false)) {
                notes.add(new Note(where + " closes the alert after the last repeat", "not imported: Klaxon leaves "
                        + "the incident open"));
            }
            return new Specs.Policy(ref("escalation", id), names.unique(name, id), Math.min(count, Mapping.MAX_REPEAT),
                    steps);
        }

        // ---- integrations

        Specs.Integration integration(JsonNode i) {
            String id = Json.text(i, "id");
            String name = Json.textOr(i, "name", id);
            String type = Json.textOr(i, "type", "");
            String kind = switch (type.toLowerCase(Locale.ROOT)) {
                case "prometheus", "alertmanager" -> "alertmanager";
                case "grafana" -> "grafana";
                case "sentry" -> "sentry";
                case "api", "webhook" -> "generic";
                default -> null;
            };
            if (kind == null) {
                notes.add(new Note("Opsgenie integration '" + name + "' (" + type + ")", "not imported: Klaxon "
                        + "receives Grafana, Alertmanager, Sentry, Events API v2, uptime monitors and its generic "
                        + "webhook"));
                return null;
            }
            notes.add(new Note("Opsgenie integration '" + name + "' routing", "Opsgenie routes its alerts by team; "
                    + "Klaxon by triage rule: add \"escalationPolicy\" to the triage rule matching service \"" + name
                    + "\""));
            String hint = kind.equals("generic") ? "the sender must post Klaxon's generic alert shape instead of "
                    + "Opsgenie's Alert API" : "set it as the sender's webhook URL";
            return new Specs.Integration(ref("integration", id), name, kind, name, null, hint);
        }
    }
}
