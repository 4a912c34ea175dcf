package dev.klaxon.importer.pagerduty;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Json;
import dev.klaxon.importer.source.Mapping;
import dev.klaxon.importer.source.Snapshot;
import dev.klaxon.importer.source.Snapshot.Note;

/**
 * Maps a PagerDuty account onto Klaxon. Pure, so each rule is unit-tested:
 * <ul>
 * <li>users → people: email, time zone, role; an SMS (else phone) contact method is the phone; high-urgency
 * notification rules by email and SMS keep their delays, phone calls become SMS, push notifications are left out;</li>
 * <li>schedule layers → rotations: the layer's turn and virtual start give the hand-offs (kept at wall-clock time in
 * the schedule's zone when the turn is whole days), its restrictions become active hours, its start and end the
 * active period, and layers keep their precedence (the lowest layer in PagerDuty's editor, first in the API, wins);
 * layers that ended are history and are left out; a deleted user who still takes turns becomes a placeholder;</li>
 * <li>future overrides, teams with their members, escalation policies (rules with their delays, loops) and Events API
 * v2 integrations, which keep their routing keys.</li>
 * </ul>
 */
public final class PagerDutyMapper {

    private PagerDutyMapper() {
    }

    public static String ref(String kind, String id) {
        return "pagerduty:" + kind + ":" + id;
    }

    public static Snapshot map(PagerDutyExport e, Instant now) {
        return new Run(e, now).map();
    }

    private static final class Run {
        final PagerDutyExport e;
        final Instant now;
        final List<Note> notes = new ArrayList<>();
        final Map<String, Specs.Person> people = new LinkedHashMap<>();
        final Map<String, String> names = new LinkedHashMap<>();

        Run(PagerDutyExport e, Instant now) {
            this.e = e;
            this.now = now;
        }

        Snapshot map() {
            for (JsonNode u : e.users()) {
                Specs.Person p = person(u);
                people.put(Json.text(u, "id"), p);
                names.put(Json.text(u, "id"), p.name());
            }
            boolean anyPerson = !people.isEmpty();
            List<Specs.Team> teams = new ArrayList<>();
            Mapping.Names teamNames = new Mapping.Names();
            for (JsonNode t : e.teams()) {
                String id = Json.text(t, "id");
                List<String> members = new ArrayList<>();
                for (JsonNode m : e.teamMembers().getOrDefault(id, List.of())) {
                    String uid = Json.text(m.path("user"), "id");
                    if (people.containsKey(uid)) {
                        members.add(ref("user", uid));
                    } else {
                        notes.add(new Note("PagerDuty team '" + Json.text(t, "name") + "' member " + uid,
                                "left out: not a user PagerDuty lists (deleted?)"));
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
            for (JsonNode p : e.policies()) {
                Specs.Policy mapped = policy(p, policyNames);
                if (mapped != null) {
                    policies.add(mapped);
                }
            }
            List<Specs.Integration> integrations = new ArrayList<>();
            for (JsonNode s : e.services()) {
                integrations.addAll(service(s));
            }
            if (anyPerson) {
                notes.add(new Note("PagerDuty people's Slack accounts", "not imported: PagerDuty's REST API does not "
                        + "give them; add slackUserId in Klaxon to page people on Slack"));
            }
            return new Snapshot(List.copyOf(people.values()), teams, schedules, policies, integrations, notes);
        }

        // ---- people

        Specs.Person person(JsonNode u) {
            String id = Json.text(u, "id");
            String name = Json.textOr(u, "name", id);
            String who = "PagerDuty user '" + name + "'";
            String email = Json.text(u, "email");
            String zone = Mapping.zone(Json.text(u, "time_zone"));
            if (zone == null && Json.text(u, "time_zone") != null) {
                notes.add(new Note(who + " time zone " + Json.text(u, "time_zone"), "not an IANA zone; Klaxon "
                        + "uses UTC"));
            }
            Map<String, JsonNode> methods = new LinkedHashMap<>();
            for (JsonNode c : Json.list(u, "contact_methods")) {
                methods.put(Json.text(c, "id"), c);
            }
            String sms = null;
            String voice = null;
            for (JsonNode c : methods.values()) {
                String type = type(c);
                String number = Mapping.e164(Json.text(c, "country_code"), Json.text(c, "address"));
                if ("sms".equals(type) && sms == null) {
                    sms = number;
                } else if ("phone".equals(type) && voice == null) {
                    voice = number;
                }
            }
            String phone = sms != null ? sms : voice;
            List<Specs.Rule> rules = new ArrayList<>();
            boolean lowUrgency = false;
            for (JsonNode r : Json.list(u, "notification_rules")) {
                String urgency = Json.textOr(r, "urgency", "high");
                if ("low".equals(urgency)) {
                    lowUrgency = true;
                    continue;
                }
                JsonNode cm = r.path("contact_method");
                JsonNode full = methods.getOrDefault(Json.text(cm, "id"), cm);
                String type = type(full);
                int delay = Json.integer(r, "start_delay_in_minutes") == null ? 0
                        : Json.integer(r, "start_delay_in_minutes");
                String number = Mapping.e164(Json.text(full, "country_code"), Json.text(full, "address"));
                switch (type) {
                    case "email" -> {
                        rules.add(new Specs.Rule("EMAIL", delay));
                        String address = Json.text(full, "address");
                        if (address != null && email != null && !address.equalsIgnoreCase(email)) {
                            notes.add(new Note(who + " email to " + address, "sent to " + email + " instead: Klaxon "
                                    + "keeps one email address per person"));
                        }
                    }
                    case "sms", "phone" -> {
                        if (phone == null) {
                            notes.add(new Note(who + " notification rule by " + type, "not imported: no number "
                                    + "Klaxon accepts (E.164)"));
                            break;
                        }
                        rules.add(new Specs.Rule("SMS", delay));
                        if ("phone".equals(type)) {
                            notes.add(new Note(who + " phone call after " + delay + " min", "an SMS instead: Klaxon "
                                    + "has no voice-call notification rule"));
                        }
                        if (number != null && !number.equals(phone)) {
                            notes.add(new Note(who + " " + type + " to " + number, "sent to " + phone + " instead: "
                                    + "Klaxon keeps one phone number per person"));
                        }
                    }
                    default -> notes.add(new Note(who + " notification rule by " + type.replace('_', ' ')
                            + " after " + delay + " min", "not imported: Klaxon has no such contact method"));
                }
            }
            if (lowUrgency) {
                notes.add(new Note(who + " low-urgency notification rules", "not imported: Klaxon has one set of "
                        + "rules per person (the high-urgency ones are)"));
            }
            return new Specs.Person(ref("user", id), name, email, phone, null, zone, Json.text(u, "role"),
                    Mapping.rules(rules), false);
        }

        /** "sms", "phone", "email", "push_notification" from {@code sms_contact_method(_reference)}. */
        static String type(JsonNode contactMethod) {
            String t = Json.textOr(contactMethod, "type", "unknown");
            return t.replace("_reference", "").replace("_contact_method", "");
        }

        /** A user a rotation or override names: a known person, else a placeholder for someone deleted. */
        String participant(JsonNode userRef, String where) {
            String id = Json.text(userRef, "id");
            if (!people.containsKey(id)) {
                String name = Json.textOr(userRef, "summary", id);
                Specs.Person p = Mapping.placeholder(ref("user", id), name + " (deleted in PagerDuty)");
                people.put(id, p);
                names.put(id, name);
                notes.add(new Note("PagerDuty user " + id + " '" + name + "' in " + where, "deleted in PagerDuty but "
                        + "still takes turns: a placeholder person without contact methods keeps the rotation's "
                        + "order (pages nobody, as in PagerDuty); take them out of the rotation"));
            }
            return ref("user", id);
        }

        // ---- schedules

        Specs.Schedule schedule(JsonNode s, Mapping.Names scheduleNames) {
            String id = Json.text(s, "id");
            String name = Json.textOr(s, "name", id);
            String zone = Mapping.zone(Json.text(s, "time_zone"));
            if (zone == null) {
                notes.add(new Note("PagerDuty schedule '" + name + "'", "time zone " + Json.text(s, "time_zone")
                        + " is not an IANA zone; imported in UTC"));
                zone = "UTC";
            }
            ZoneId z = ZoneId.of(zone);
            List<JsonNode> layers = Json.list(s, "schedule_layers");
            List<Specs.Rotation> rotations = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                JsonNode layer = layers.get(i);
                // the API lists the layer that wins first (the lowest in PagerDuty's editor)
                int precedence = layers.size() - 1 - i;
                String layerName = Json.textOr(layer, "name", "Layer " + (precedence + 1));
                String where = "schedule '" + name + "' layer '" + layerName + "'";
                Instant start = Json.instant(layer, "start");
                Instant end = Json.instant(layer, "end");
                if (end != null && !end.isAfter(now)) {
                    continue; // an earlier version of the layer: history
                }
                List<String> who = new ArrayList<>();
                for (JsonNode u : Json.list(layer, "users")) {
                    who.add(participant(u.path("user"), where));
                }
                if (who.isEmpty()) {
                    notes.add(new Note("PagerDuty " + where, "not imported: it has nobody in it"));
                    continue;
                }
                Integer turnSeconds = Json.integer(layer, "rotation_turn_length_seconds");
                Mapping.Turn turn = Mapping.turn(Duration.ofSeconds(turnSeconds == null ? 86400 : turnSeconds));
                if (!turn.exact()) {
                    notes.add(new Note("PagerDuty " + where + " turn of " + turnSeconds + " s",
                            "imported as " + turn.length() + " h: Klaxon's shifts are whole hours, days or weeks"));
                }
                Instant virtual = Json.instant(layer, "rotation_virtual_start");
                LocalDateTime first = LocalDateTime.ofInstant(virtual == null ? start : virtual, z);
                if (start != null) {
                    first = Mapping.startNoLaterThan(first, turn.type(), turn.length(), who.size(),
                            LocalDateTime.ofInstant(start, z));
                }
                List<Specs.Restriction> restrictions = new ArrayList<>();
                for (JsonNode r : Json.list(layer, "restrictions")) {
                    Specs.Restriction mapped = restriction(r, where);
                    if (mapped != null) {
                        restrictions.add(mapped);
                    }
                }
                rotations.add(new Specs.Rotation(layerName, turn.type(), turn.length(), first, who, precedence,
                        restrictions, start, end));
            }
            if (rotations.isEmpty()) {
                notes.add(new Note("PagerDuty schedule '" + name + "'", "not imported: no current layer has anyone "
                        + "in it"));
                return null;
            }
            List<Specs.Override> overrides = new ArrayList<>();
            for (JsonNode o : e.overrides().getOrDefault(id, List.of())) {
                Instant oEnd = Json.instant(o, "end");
                if (oEnd == null || !oEnd.isAfter(now)) {
                    continue;
                }
                overrides.add(new Specs.Override(participant(o.path("user"), "schedule '" + name + "' override"),
                        Json.instant(o, "start"), oEnd));
            }
            return new Specs.Schedule(ref("schedule", id), id, scheduleNames.unique(name, id), zone, rotations,
                    overrides);
        }

        Specs.Restriction restriction(JsonNode r, String where) {
            String type = Json.textOr(r, "type", "");
            LocalTime startTime = LocalTime.parse(Json.textOr(r, "start_time_of_day", "00:00:00"));
            Integer seconds = Json.integer(r, "duration_seconds");
            int minutes = seconds == null ? 0 : (int) Math.round(seconds / 60.0);
            if (seconds != null && seconds % 60 != 0) {
                notes.add(new Note("PagerDuty " + where + " restriction of " + seconds + " s", "rounded to "
                        + minutes + " min"));
            }
            if (minutes <= 0) {
                return null;
            }
            minutes = Math.min(minutes, Mapping.MAX_WINDOW_MINUTES);
            if (type.startsWith("weekly")) {
                Integer day = Json.integer(r, "start_day_of_week");
                return new Specs.Restriction(List.of(DayOfWeek.of(day == null ? 1 : day)), startTime, minutes);
            }
            return new Specs.Restriction(List.of(), startTime, Math.min(minutes, 24 * 60));
        }

        // ---- escalation policies

        Specs.Policy policy(JsonNode p, Mapping.Names policyNames) {
            String id = Json.text(p, "id");
            String name = Json.textOr(p, "name", id);
            List<Specs.Step> steps = new ArrayList<>();
            List<JsonNode> rules = Json.list(p, "escalation_rules");
            for (int i = 0; i < rules.size(); i++) {
                JsonNode r = rules.get(i);
                List<Specs.Target> targets = new ArrayList<>();
                for (JsonNode t : Json.list(r, "targets")) {
                    String type = Json.textOr(t, "type", "").replace("_reference", "");
                    String tid = Json.text(t, "id");
                    switch (type) {
                        case "user" -> {
                            if (people.containsKey(tid) && !people.get(tid).placeholder()) {
                                targets.add(new Specs.Target("USER", ref("user", tid)));
                            } else {
                                notes.add(new Note("PagerDuty escalation policy '" + name + "' rule " + (i + 1)
                                        + " user " + tid, "left out: not a user PagerDuty lists (deleted?)"));
                            }
                        }
                        case "schedule" -> targets.add(new Specs.Target("SCHEDULE", ref("schedule", tid)));
                        default -> notes.add(new Note("PagerDuty escalation policy '" + name + "' rule " + (i + 1)
                                + " target " + type, "not imported: Klaxon pages people, schedules and teams"));
                    }
                }
                Integer delay = Json.integer(r, "escalation_delay_in_minutes");
                Integer timeout = delay == null ? null : Math.max(1, Math.min(delay * 60, Mapping.MAX_TIMEOUT_SECONDS));
                steps.add(new Specs.Step(timeout, targets));
            }
            Integer loops = Json.integer(p, "num_loops");
            int repeat = loops == null ? 0 : Math.min(loops, Mapping.MAX_REPEAT);
            if (loops != null && loops > Mapping.MAX_REPEAT) {
                notes.add(new Note("PagerDuty escalation policy '" + name + "' repeats " + loops + " times",
                        "Klaxon repeats at most " + Mapping.MAX_REPEAT + " times"));
            }
            if (Json.bool(p, "on_call_handoff_notifications", false) || "always".equals(
                    Json.text(p, "on_call_handoff_notifications"))) {
                notes.add(new Note("PagerDuty escalation policy '" + name + "' hand-off notifications",
                        "not imported: Klaxon does not announce hand-offs (its calendar feeds show them)"));
            }
            return new Specs.Policy(ref("policy", id), policyNames.unique(name, id), repeat, steps);
        }

        // ---- services and integrations

        List<Specs.Integration> service(JsonNode s) {
            String name = Json.textOr(s, "name", Json.text(s, "id"));
            JsonNode ep = s.path("escalation_policy");
            if (Json.text(ep, "id") != null) {
                notes.add(new Note("PagerDuty service '" + name + "' → escalation policy '"
                        + Json.textOr(ep, "summary", Json.text(ep, "id")) + "'", "Klaxon routes alerts to a policy "
                        + "by triage rule: add \"escalationPolicy\" to the triage rule matching service \"" + name
                        + "\" (POST :8082/api/v1/rules), or make it the default policy"));
            }
            List<Specs.Integration> out = new ArrayList<>();
            for (JsonNode i : Json.list(s, "integrations")) {
                String id = Json.text(i, "id");
                String type = Json.textOr(i, "type", "").replace("_reference", "");
                String iname = name + " / " + Json.textOr(i, "name", Json.textOr(i, "summary", id));
                String vendor = Json.text(i.path("vendor"), "summary");
                if (type.equals("events_api_v2_inbound_integration")) {
                    out.add(new Specs.Integration(ref("integration", id), iname, "pagerduty", name,
                            Json.text(i, "integration_key"), "change only the Events API URL"
                                    + (vendor == null ? "" : " in " + vendor)));
                } else {
                    notes.add(new Note("PagerDuty integration '" + iname + "' (" + type.replace('_', ' ')
                            + (vendor == null ? "" : ", " + vendor) + ")", "not imported: Klaxon receives Events API "
                            + "v2, Alertmanager, Grafana, Sentry, uptime monitors and its generic webhook; point the "
                            + "sender at one of those"));
                }
            }
            return out;
        }
    }
}
