package dev.klaxon.importer.opsgenie;

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

class OpsgenieMapperTest {

    static final Instant NOW = Instant.parse("2027-03-15T00:00:00Z");

    static Snapshot map(String schedules, String overrides, String escalations) {
        return OpsgenieMapper.map(new OpsgenieExport(list("""
                [{"id":"u1","username":"ivy@example.com","fullName":"Ivy Ito","timeZone":"America/New_York",
                  "role":{"id":"Admin","name":"Admin"}},
                 {"id":"u2","username":"jo@example.com","fullName":"Jo Jones","timeZone":"Europe/Berlin",
                  "role":{"name":"User"}}]"""),
                Map.of("u1", list("""
                        [{"id":"c1","method":"email","to":"ivy@example.com","enabled":true},
                         {"id":"c2","method":"voice","to":"1-2025550101","enabled":true},
                         {"id":"c3","method":"sms","to":"1-2025550102","enabled":true}]""")),
                Map.of("u1", list("""
                        [{"id":"r1","name":"New alert","actionType":"create-alert","enabled":true,"steps":[
                          {"contact":{"method":"sms","to":"1-2025550102"},"sendAfter":{"timeAmount":0},"enabled":true},
                          {"contact":{"method":"email","to":"ivy@example.com"},"sendAfter":{"timeAmount":3,"timeUnit":"minutes"},"enabled":true},
                          {"contact":{"method":"mobile","to":"app"},"sendAfter":{"timeAmount":0},"enabled":true}]},
                         {"id":"r2","name":"Going on call","actionType":"going-on-call","enabled":true,"steps":[]}]""")),
                list("""
                        [{"id":"t1","name":"Ops","description":"Operations","members":[
                          {"user":{"id":"u2","username":"jo@example.com"},"role":"admin"},
                          {"user":{"id":"u1","username":"ivy@example.com"},"role":"user"}]}]"""),
                list(schedules), Map.of("s1", list(overrides)), list(escalations), list("""
                        [{"id":"i1","name":"Prometheus","type":"Prometheus","enabled":true},
                         {"id":"i2","name":"Mail","type":"Email","enabled":true}]"""),
                list("[{\"name\":\"nightly-backup\",\"interval\":1,\"intervalUnit\":\"days\",\"enabled\":true}]")),
                NOW);
    }

    static final String SCHEDULES = """
            [{"id":"s1","name":"Ops Primary","timezone":"America/New_York","enabled":true,"rotations":[
              {"id":"r1","name":"Weekly","startDate":"2027-03-01T14:00:00Z","type":"weekly","length":1,
               "participants":[{"type":"user","id":"u1","username":"ivy@example.com"},{"type":"none"},
                               {"type":"user","id":"u2","username":"jo@example.com"}]},
              {"id":"r2","name":"Business","startDate":"2027-03-01T14:00:00Z","endDate":"2027-09-01T00:00:00Z",
               "type":"daily","length":1,
               "participants":[{"type":"user","id":"u2"},{"type":"team","id":"t1","name":"Ops"}],
               "timeRestriction":{"type":"weekday-and-time-of-day","restrictions":[
                 {"startDay":"monday","startHour":9,"startMin":0,"endDay":"monday","endHour":17,"endMin":0},
                 {"startDay":"friday","startHour":17,"startMin":30,"endDay":"monday","endHour":9,"endMin":0}]}},
              {"id":"r3","name":"Nights","startDate":"2027-03-01T03:00:00Z","type":"hourly","length":12,
               "participants":[{"type":"user","id":"u1"}],
               "timeRestriction":{"type":"time-of-day","restriction":{"startHour":22,"startMin":0,"endHour":6,"endMin":0}}}]}]""";

    static boolean noted(Snapshot s, String subject, String reason) {
        return s.notes().stream().anyMatch(n -> n.subject().contains(subject) && n.reason().contains(reason));
    }

    @Test
    void usersKeepTheirSmsNumberAndTheStepsOfTheirCreateAlertRule() {
        Snapshot s = map("[]", "[]", "[]");
        Specs.Person ivy = s.people().get(0);
        assertEquals("Ivy Ito", ivy.name());
        assertEquals("ivy@example.com", ivy.email());
        assertEquals("+12025550102", ivy.phone());
        assertEquals("Admin", ivy.role());
        assertEquals(List.of(new Specs.Rule("SMS", 0), new Specs.Rule("EMAIL", 3)), ivy.notificationRules());
        assertTrue(noted(s, "mobile notification", "no such contact method"));
        assertTrue(noted(s, "'Going on call' (going-on-call)", "not imported"));
        assertEquals(List.of("opsgenie:user:u2", "opsgenie:user:u1"), s.teams().get(0).memberRefs());
        assertTrue(noted(s, "heartbeat 'nightly-backup'", "recreate it at /api/v1/heartbeats"));
        assertTrue(noted(s, "integration 'Mail' (Email)", "not imported"));
        assertEquals("alertmanager", s.integrations().get(0).sourceType());
    }

    @Test
    void rotationsAreUnionedWithTheirRestrictionsAndANoneTurnIsHeldByNobody() {
        Snapshot s = map(SCHEDULES, "[]", "[]");
        Specs.Schedule ops = s.schedules().get(0);
        assertEquals("America/New_York", ops.timeZone());
        assertTrue(ops.rotations().stream().allMatch(r -> r.layer() == 0), "Opsgenie has everyone on call together");
        Specs.Rotation weekly = ops.rotations().get(0);
        assertEquals(LocalDateTime.parse("2027-03-01T09:00"), weekly.start(), "14:00Z is 09:00 in New York");
        assertEquals(List.of("opsgenie:user:u1", OpsgenieMapper.NOBODY, "opsgenie:user:u2"), weekly.participantRefs());
        Specs.Rotation business = ops.rotations().get(1);
        assertEquals(List.of(new Specs.Restriction(List.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), 480),
                new Specs.Restriction(List.of(DayOfWeek.FRIDAY), LocalTime.of(17, 30), 2 * 1440 + 15 * 60 + 30)),
                business.restrictions());
        assertEquals(Instant.parse("2027-09-01T00:00:00Z"), business.activeUntil());
        assertTrue(noted(s, "participant team 'Ops'", "left to nobody"));
        Specs.Rotation nights = ops.rotations().get(2);
        assertEquals("HOURLY", nights.type());
        assertEquals(12, nights.shiftLength());
        assertEquals(List.of(new Specs.Restriction(List.of(), LocalTime.of(22, 0), 480)), nights.restrictions());
    }

    @Test
    void overridesOfTheWholeScheduleAheadAreImportedAndThoseOfSomeRotationsAreNoted() {
        Snapshot s = map(SCHEDULES, """
                [{"alias":"o1","user":{"type":"user","id":"u2"},"startDate":"2027-03-20T00:00:00Z",
                  "endDate":"2027-03-21T00:00:00Z","rotations":[]},
                 {"alias":"o2","user":{"type":"user","id":"u1"},"startDate":"2027-03-22T00:00:00Z",
                  "endDate":"2027-03-23T00:00:00Z","rotations":[{"id":"r1","name":"Weekly"}]},
                 {"alias":"o3","user":{"type":"user","id":"u1"},"startDate":"2027-03-01T00:00:00Z",
                  "endDate":"2027-03-02T00:00:00Z","rotations":[]}]""", "[]");
        assertEquals(List.of(new Specs.Override("opsgenie:user:u2", Instant.parse("2027-03-20T00:00:00Z"),
                Instant.parse("2027-03-21T00:00:00Z"))), s.schedules().get(0).overrides());
        assertTrue(noted(s, "override o2", "only some rotations"));
    }

    @Test
    void escalationRulesGroupByTheirDelayFromTheAlertAndTheGapsBecomeTimeouts() {
        Snapshot s = map(SCHEDULES, "[]", """
                [{"id":"e1","name":"Ops escalation","rules":[
                   {"condition":"if-not-acked","notifyType":"default","delay":{"timeAmount":0},
                    "recipient":{"type":"schedule","id":"s1"}},
                   {"condition":"if-not-acked","notifyType":"default","delay":{"timeAmount":5},
                    "recipient":{"type":"user","id":"u2"}},
                   {"condition":"if-not-acked","notifyType":"default","delay":{"timeAmount":5},
                    "recipient":{"type":"team","id":"t1"}},
                   {"condition":"if-not-closed","notifyType":"default","delay":{"timeAmount":1,"timeUnit":"hours"},
                    "recipient":{"type":"user","id":"u1"}}],
                  "repeat":{"waitInterval":10,"count":2,"resetRecipientStates":false,"closeAlertAfterAll":false}}]""");
        Specs.Policy p = s.policies().get(0);
        assertEquals(2, p.repeat());
        assertEquals(List.of(
                new Specs.Step(300, List.of(new Specs.Target("SCHEDULE", "opsgenie:schedule:s1"))),
                new Specs.Step(3300, List.of(new Specs.Target("USER", "opsgenie:user:u2"),
                        new Specs.Target("TEAM", "opsgenie:team:t1"))),
                new Specs.Step(600, List.of(new Specs.Target("USER", "opsgenie:user:u1")))), p.steps());
        assertTrue(noted(s, "rule after 60 min (if-not-closed)", "acknowledge"));
    }

    @Test
    void theEuRegionReadsTheEuInstance() {
        assertEquals("https://api.eu.opsgenie.com", OpsgenieSource.regionUrl("EU"));
        assertEquals("https://api.opsgenie.com", OpsgenieSource.regionUrl("us"));
    }
}
