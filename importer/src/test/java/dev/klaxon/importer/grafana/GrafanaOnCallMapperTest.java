package dev.klaxon.importer.grafana;

import static dev.klaxon.importer.TestJson.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Snapshot;

class GrafanaOnCallMapperTest {

    static final Instant NOW = Instant.parse("2027-03-15T00:00:00Z");

    static final String USERS = """
            [{"id":"UALEX","email":"alex@example.com","username":"alex","role":"admin","timezone":"Europe/London",
              "slack":{"user_id":"U0ALEX","team_id":"T0"},"teams":["TSRE"]},
             {"id":"UBO","email":"bo@example.com","username":"bo","role":"editor","timezone":"America/New_York",
              "slack":[],"teams":["TSRE"]}]""";

    static Snapshot map(String shifts, String chainSteps, String integrations) {
        return GrafanaOnCallMapper.map(new GrafanaOnCallExport(list(USERS), Map.of("UALEX", list("""
                [{"id":"N1","user_id":"UALEX","position":0,"important":false,"type":"notify_by_slack"},
                 {"id":"N2","user_id":"UALEX","position":1,"important":false,"type":"wait","duration":300},
                 {"id":"N3","user_id":"UALEX","position":2,"important":false,"type":"notify_by_email"},
                 {"id":"N4","user_id":"UALEX","position":3,"important":false,"type":"notify_by_sms"},
                 {"id":"N5","user_id":"UALEX","position":0,"important":true,"type":"notify_by_phone_call"}]""")),
                list("[{\"id\":\"TSRE\",\"name\":\"SRE\"}]"),
                list("""
                        [{"id":"SWEB","name":"Primary","type":"web","time_zone":"Europe/London"},
                         {"id":"SICAL","name":"Legacy","type":"ical","ical_url_primary":"https://cal.example/x.ics"}]"""),
                Map.of("SWEB", list(shifts)), list("[{\"id\":\"FCHAIN\",\"name\":\"Default\"}]"),
                Map.of("FCHAIN", list(chainSteps)), list(integrations)), NOW);
    }

    static boolean noted(Snapshot s, String subject, String reason) {
        return s.notes().stream().anyMatch(n -> n.subject().contains(subject) && n.reason().contains(reason));
    }

    @Test
    void usersKeepSlackIdsZonesRolesTeamsAndDefaultRulesWithTheirWaits() {
        Snapshot s = map("[]", "[]", "[]");
        Specs.Person alex = s.people().get(0);
        assertEquals("grafana-oncall:user:UALEX", alex.ref());
        assertEquals("alex", alex.name());
        assertEquals("U0ALEX", alex.slackUserId());
        assertEquals("Europe/London", alex.timeZone());
        assertEquals(List.of(new Specs.Rule("SLACK", 0), new Specs.Rule("EMAIL", 5)), alex.notificationRules());
        assertTrue(noted(s, "sms after 5 min", "does not give the phone number"));
        assertTrue(noted(s, "important notification rules", "one set of rules"));
        assertEquals(List.of("grafana-oncall:user:UALEX", "grafana-oncall:user:UBO"), s.teams().get(0).memberRefs());
        assertTrue(noted(s, "schedule 'Legacy' (iCal", "does not follow an external calendar"));
    }

    @Test
    void aWeeklyBusinessHoursRotationHandsOffAtTheStartOfTheWeekWithItsDaysAsActiveHoursAndItsLevelAsLayer() {
        Snapshot s = map("""
                [{"id":"O1","name":"Business","type":"rolling_users","time_zone":null,"level":1,
                  "start":"2027-03-03T09:00:00","rotation_start":"2027-03-03T09:00:00","duration":28800,
                  "frequency":"weekly","interval":1,"week_start":"MO","by_day":["MO","TU","WE","TH","FR"],
                  "rolling_users":[["UALEX"],["UBO"]],"start_rotation_from_user_index":1},
                 {"id":"O2","name":"Pairs","type":"rolling_users","level":0,"start":"2027-03-01T00:00:00",
                  "duration":86400,"frequency":"daily","interval":1,"rolling_users":[["UALEX","UBO"],["UBO","UGONE"]],
                  "start_rotation_from_user_index":0},
                 {"id":"O3","name":"Cover","type":"override","start":"2027-03-20T12:00:00","duration":21600,
                  "users":["UBO"]},
                 {"id":"O4","name":"Past cover","type":"override","start":"2027-03-01T12:00:00","duration":3600,
                  "users":["UBO"]}]""", "[]", "[]");
        Specs.Schedule primary = s.schedules().get(0);
        Specs.Rotation business = primary.rotations().get(0);
        assertEquals("WEEKLY", business.type());
        assertEquals(LocalDateTime.parse("2027-03-01T09:00"), business.start(), "Monday of the first week");
        assertEquals(List.of("grafana-oncall:user:UBO", "grafana-oncall:user:UALEX"), business.participantRefs(),
                "start_rotation_from_user_index");
        assertEquals(1, business.layer());
        assertEquals(List.of(new Specs.Restriction(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), 480)), business.restrictions());
        assertEquals(Instant.parse("2027-03-03T09:00:00Z"), business.activeFrom(), "nobody before the first event");
        // a group of two on call together: two parallel rotations
        assertEquals("Pairs", primary.rotations().get(1).name());
        assertEquals(List.of("grafana-oncall:user:UALEX", "grafana-oncall:user:UBO"),
                primary.rotations().get(1).participantRefs());
        assertEquals(List.of("grafana-oncall:user:UBO", "grafana-oncall:user:UGONE"),
                primary.rotations().get(2).participantRefs());
        assertTrue(s.people().stream().anyMatch(p -> p.ref().equals("grafana-oncall:user:UGONE") && p.placeholder()));
        assertEquals(List.of(new Specs.Override("grafana-oncall:user:UBO", Instant.parse("2027-03-20T12:00:00Z"),
                Instant.parse("2027-03-20T18:00:00Z"))), primary.overrides());
    }

    @Test
    void aChainsWaitsBecomeTheTimeoutsOfTheStepsBeforeThemAndRepeatEscalationRepeatsFiveTimes() {
        Snapshot s = map("""
                [{"id":"O1","name":"Base","type":"rolling_users","start":"2027-03-01T09:00:00","duration":604800,
                  "frequency":"weekly","week_start":"MO","rolling_users":[["UALEX"]]}]""", """
                [{"id":"E1","position":0,"type":"notify_on_call_from_schedule","notify_on_call_from_schedule":"SWEB"},
                 {"id":"E2","position":1,"type":"wait","duration":300},
                 {"id":"E3","position":2,"type":"notify_persons","persons_to_notify":["UBO"],"important":true},
                 {"id":"E4","position":3,"type":"notify_team_members","team_to_notify":"TSRE"},
                 {"id":"E5","position":4,"type":"wait","duration":900},
                 {"id":"E6","position":5,"type":"wait","duration":900},
                 {"id":"E7","position":6,"type":"trigger_webhook","action_to_trigger":"W1"},
                 {"id":"E8","position":7,"type":"repeat_escalation"}]""", "[]");
        Specs.Policy p = s.policies().get(0);
        assertEquals(5, p.repeat());
        assertEquals(List.of(new Specs.Step(300, List.of(new Specs.Target("SCHEDULE", "grafana-oncall:schedule:SWEB"))),
                new Specs.Step(1800, List.of(new Specs.Target("USER", "grafana-oncall:user:UBO"),
                        new Specs.Target("TEAM", "grafana-oncall:team:TSRE")))), p.steps());
        assertTrue(noted(s, "step 7 (trigger webhook)", "not imported"));
        assertTrue(noted(s, "step 3 (important)", "no important notifications"));
    }

    @Test
    void grafanaAlertmanagerAndWebhookIntegrationsMapAndOthersAreNoted() {
        Snapshot s = map("[]", "[]", """
                [{"id":"C1","name":"Grafana alerts","type":"grafana_alerting","default_route":{"escalation_chain_id":"FCHAIN"}},
                 {"id":"C2","name":"Prometheus","type":"alertmanager"},
                 {"id":"C3","name":"Hooks","type":"webhook"},
                 {"id":"C4","name":"Mail","type":"inbound_email"}]""");
        assertEquals(List.of("grafana", "alertmanager", "generic"), s.integrations().stream()
                .map(Specs.Integration::sourceType).toList());
        assertTrue(noted(s, "'Mail' (inbound_email)", "not imported"));
        assertTrue(noted(s, "'Grafana alerts' → escalation chain FCHAIN", "triage rule"));
    }

    @Test
    void aRecurrentEventKeepsEveryoneOnCallTogetherInItsWindowsAndASingleEventOnlyForItsOwnStretch() {
        Snapshot s = map("""
                [{"id":"O1","name":"Weekend pair","type":"recurrent_event","level":2,"start":"2027-03-06T10:00:00",
                  "duration":14400,"frequency":"weekly","interval":1,"week_start":"MO","by_day":["SA","SU"],
                  "users":["UALEX","UBO"]},
                 {"id":"O2","name":"Launch day","type":"single_event","level":3,"start":"2027-03-18T08:00:00",
                  "duration":36000,"users":["UBO"]},
                 {"id":"O3","name":"Long gone","type":"single_event","level":3,"start":"2027-03-01T08:00:00",
                  "duration":3600,"users":["UBO"]}]""", "[]", "[]");
        List<Specs.Rotation> rotations = s.schedules().get(0).rotations();
        assertEquals(List.of("Weekend pair", "Weekend pair (2)", "Launch day"), rotations.stream()
                .map(Specs.Rotation::name).toList());
        assertEquals(List.of("grafana-oncall:user:UALEX"), rotations.get(0).participantRefs());
        assertEquals(List.of("grafana-oncall:user:UBO"), rotations.get(1).participantRefs());
        assertEquals(List.of(new Specs.Restriction(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(10, 0),
                240)), rotations.get(0).restrictions());
        assertEquals(2, rotations.get(0).layer());
        Specs.Rotation launch = rotations.get(2);
        assertEquals(Instant.parse("2027-03-18T08:00:00Z"), launch.activeFrom());
        assertEquals(Instant.parse("2027-03-18T18:00:00Z"), launch.activeUntil());
        assertEquals(3, launch.layer());
    }

    @Test
    void monthlyShiftsAreNotImportedAndSaySo() {
        Snapshot s = map("""
                [{"id":"O1","name":"Base","type":"rolling_users","start":"2027-03-01T09:00:00","duration":604800,
                  "frequency":"weekly","week_start":"MO","rolling_users":[["UALEX"]]},
                 {"id":"O2","name":"Month end","type":"rolling_users","start":"2027-03-31T09:00:00","duration":3600,
                  "frequency":"monthly","rolling_users":[["UBO"]]}]""", "[]", "[]");
        assertEquals(1, s.schedules().get(0).rotations().size());
        assertTrue(noted(s, "shift 'Month end' (monthly", "not imported"));
    }
}
