package dev.klaxon.importer.pagerduty;

import static dev.klaxon.importer.TestJson.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.Snapshot;

class PagerDutyMapperTest {

    static final Instant NOW = Instant.parse("2027-03-15T00:00:00Z");

    static final String USERS = """
            [{"id":"PANA","type":"user","name":"Ana Alvarez","email":"ana@example.com","time_zone":"Europe/London",
              "role":"admin",
              "contact_methods":[
                {"id":"C1","type":"email_contact_method","address":"ana@example.com"},
                {"id":"C2","type":"sms_contact_method","country_code":44,"address":"7700900001"},
                {"id":"C3","type":"phone_contact_method","country_code":44,"address":"7700900002"},
                {"id":"C4","type":"push_notification_contact_method","address":"iPhone"}],
              "notification_rules":[
                {"id":"R1","start_delay_in_minutes":0,"urgency":"high","contact_method":{"id":"C2","type":"sms_contact_method"}},
                {"id":"R2","start_delay_in_minutes":5,"urgency":"high","contact_method":{"id":"C1","type":"email_contact_method"}},
                {"id":"R3","start_delay_in_minutes":10,"urgency":"high","contact_method":{"id":"C3","type":"phone_contact_method"}},
                {"id":"R4","start_delay_in_minutes":0,"urgency":"high","contact_method":{"id":"C4","type":"push_notification_contact_method"}},
                {"id":"R5","start_delay_in_minutes":0,"urgency":"low","contact_method":{"id":"C1","type":"email_contact_method"}}]},
             {"id":"PBEN","name":"Ben Brown","email":"ben@example.com","time_zone":"Mars/Olympus","role":"user",
              "contact_methods":[],"notification_rules":[]}]""";

    static PagerDutyExport export(String users, String schedules, Map<String, List<JsonNode>> overrides,
            String policies, String services) {
        return new PagerDutyExport(list(users), Map.of("PT1", list("[{\"user\":{\"id\":\"PANA\"}},"
                + "{\"user\":{\"id\":\"PGONE\"}},{\"user\":{\"id\":\"PBEN\"}}]")),
                list("[{\"id\":\"PT1\",\"name\":\"SRE\",\"description\":\"Site reliability\"}]"), list(schedules),
                overrides, list(policies), list(services));
    }

    static Snapshot map(String schedules) {
        return PagerDutyMapper.map(export(USERS, schedules, Map.of(), "[]", "[]"), NOW);
    }

    static boolean noted(Snapshot s, String subject, String reason) {
        return s.notes().stream().anyMatch(n -> n.subject().contains(subject) && n.reason().contains(reason));
    }

    @Test
    void aUserKeepsEmailZoneRoleAndTheSmsNumberAndHighUrgencyRulesWithTheirDelays() {
        Snapshot s = map("[]");
        Specs.Person ana = s.people().get(0);
        assertEquals("pagerduty:user:PANA", ana.ref());
        assertEquals("ana@example.com", ana.email());
        assertEquals("+447700900001", ana.phone());
        assertEquals("Europe/London", ana.timeZone());
        assertEquals("admin", ana.role());
        // SMS at once, email after 5, the phone call after 10 as an SMS; push and low urgency left out
        assertEquals(List.of(new Specs.Rule("SMS", 0), new Specs.Rule("EMAIL", 5), new Specs.Rule("SMS", 10)),
                ana.notificationRules());
        assertTrue(noted(s, "Ana Alvarez' phone call after 10 min", "an SMS instead"));
        assertTrue(noted(s, "push notification", "Klaxon has no such contact method"));
        assertTrue(noted(s, "low-urgency", "one set of rules"));
        assertTrue(noted(s, "phone to +447700900002", "sent to +447700900001 instead"));
        assertNull(s.people().get(1).timeZone(), "an unknown zone is not sent");
        assertTrue(noted(s, "Ben Brown' time zone", "not an IANA zone"));
    }

    @Test
    void teamsKeepTheirMembersInOrderAndLeaveOutUsersPagerDutyNoLongerLists() {
        Snapshot s = map("[]");
        assertEquals(List.of(new Specs.Team("pagerduty:team:PT1", "SRE", "Site reliability",
                List.of("pagerduty:user:PANA", "pagerduty:user:PBEN"))), s.teams());
        assertTrue(noted(s, "team 'SRE' member PGONE", "left out"));
    }

    static final String LAYERED = """
            [{"id":"PS1","name":"Primary","time_zone":"Europe/London","schedule_layers":[
               {"id":"L2","name":"Business hours","start":"2027-03-01T09:00:00+00:00","end":null,
                "rotation_virtual_start":"2027-03-01T09:00:00+00:00","rotation_turn_length_seconds":86400,
                "users":[{"user":{"id":"PBEN","type":"user_reference"}},{"user":{"id":"PANA"}}],
                "restrictions":[{"type":"weekly_restriction","start_day_of_week":1,"start_time_of_day":"09:00:00","duration_seconds":28800},
                                {"type":"daily_restriction","start_time_of_day":"22:00:00","duration_seconds":36000}]},
               {"id":"L1","name":"Weekly","start":"2027-02-22T09:00:00+00:00","end":null,
                "rotation_virtual_start":"2027-03-08T09:00:00+00:00","rotation_turn_length_seconds":604800,
                "users":[{"user":{"id":"PANA"}},{"user":{"id":"PBEN"}},
                         {"user":{"id":"PDEL","type":"user_reference","summary":"Dev Deleted"}}]},
               {"id":"L0","name":"Old","start":"2026-01-05T09:00:00+00:00","end":"2027-02-22T09:00:00+00:00",
                "rotation_virtual_start":"2026-01-05T09:00:00+00:00","rotation_turn_length_seconds":604800,
                "users":[{"user":{"id":"PGONE","summary":"Gone Long"}}]},
               {"id":"L3","name":"Odd","start":"2027-03-01T00:00:00Z","end":"2027-06-01T00:00:00Z",
                "rotation_virtual_start":"2027-03-01T00:00:00Z","rotation_turn_length_seconds":5400,
                "users":[{"user":{"id":"PBEN"}}]}]}]""";

    @Test
    void layersBecomeRotationsWithPrecedenceRestrictionsAndActivePeriodsAndEndedLayersAreLeftOut() {
        Snapshot s = map(LAYERED);
        Specs.Schedule primary = s.schedules().get(0);
        assertEquals("Europe/London", primary.timeZone());
        assertEquals("PS1", primary.sourceId());
        assertEquals(3, primary.rotations().size(), "the ended layer is history");
        Specs.Rotation business = primary.rotations().get(0);
        assertEquals(3, business.layer(), "the first layer in the API wins");
        assertEquals("DAILY", business.type());
        assertEquals(LocalDateTime.parse("2027-03-01T09:00"), business.start());
        assertEquals(List.of("pagerduty:user:PBEN", "pagerduty:user:PANA"), business.participantRefs());
        assertEquals(List.of(new Specs.Restriction(List.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), 480),
                new Specs.Restriction(List.of(), LocalTime.of(22, 0), 600)), business.restrictions());
        assertEquals(Instant.parse("2027-03-01T09:00:00Z"), business.activeFrom());
        assertNull(business.activeUntil());
        Specs.Rotation weekly = primary.rotations().get(1);
        assertEquals(2, weekly.layer());
        assertEquals("WEEKLY", weekly.type());
        // the virtual start lies after the layer's start: moved back by whole cycles (3 people × 1 week)
        assertEquals(LocalDateTime.parse("2027-02-15T09:00"), weekly.start());
        assertTrue(s.people().stream().anyMatch(p -> p.ref().equals("pagerduty:user:PDEL") && p.placeholder()
                && p.name().equals("Dev Deleted (deleted in PagerDuty)")), "a deleted user keeps their turns");
        assertTrue(noted(s, "PDEL 'Dev Deleted'", "placeholder"));
        assertTrue(s.people().stream().noneMatch(p -> p.ref().equals("pagerduty:user:PGONE")),
                "no placeholder for someone only on an ended layer");
        Specs.Rotation odd = primary.rotations().get(2);
        assertEquals("HOURLY", odd.type());
        assertEquals(2, odd.shiftLength());
        assertEquals(Instant.parse("2027-06-01T00:00:00Z"), odd.activeUntil());
        assertTrue(noted(s, "turn of 5400 s", "whole hours"));
    }

    @Test
    void onlyOverridesAheadAreImported() {
        Snapshot s = PagerDutyMapper.map(export(USERS, LAYERED, Map.of("PS1", list("""
                [{"id":"O1","start":"2027-03-10T09:00:00Z","end":"2027-03-11T09:00:00Z","user":{"id":"PANA"}},
                 {"id":"O2","start":"2027-03-20T18:00:00Z","end":"2027-03-21T09:00:00Z","user":{"id":"PBEN"}}]""")),
                "[]", "[]"), NOW);
        assertEquals(List.of(new Specs.Override("pagerduty:user:PBEN", Instant.parse("2027-03-20T18:00:00Z"),
                Instant.parse("2027-03-21T09:00:00Z"))), s.schedules().get(0).overrides());
    }

    @Test
    void escalationRulesBecomeStepsWithTheirDelaysAsTimeoutsAndLoopsAsRepeats() {
        Snapshot s = PagerDutyMapper.map(export(USERS, LAYERED, Map.of(), """
                [{"id":"PE1","name":"Checkout","num_loops":2,"escalation_rules":[
                  {"escalation_delay_in_minutes":15,"targets":[{"id":"PS1","type":"schedule_reference"}]},
                  {"escalation_delay_in_minutes":10,"targets":[{"id":"PBEN","type":"user_reference"},
                                                                {"id":"PDEL","type":"user_reference"}]}]}]""",
                "[]"), NOW);
        Specs.Policy p = s.policies().get(0);
        assertEquals("pagerduty:policy:PE1", p.ref());
        assertEquals(2, p.repeat());
        assertEquals(List.of(new Specs.Step(900, List.of(new Specs.Target("SCHEDULE", "pagerduty:schedule:PS1"))),
                new Specs.Step(600, List.of(new Specs.Target("USER", "pagerduty:user:PBEN")))), p.steps());
        assertTrue(noted(s, "user PDEL", "left out"), "a deleted user is not paged directly");
    }

    @Test
    void anEventsApiV2IntegrationKeepsItsRoutingKeyAndOtherKindsAndServiceRoutingAreNoted() {
        Snapshot s = PagerDutyMapper.map(export(USERS, "[]", Map.of(), "[]", """
                [{"id":"PSV1","name":"Checkout","escalation_policy":{"id":"PE1","summary":"Checkout EP"},
                  "integrations":[
                   {"id":"PI1","type":"events_api_v2_inbound_integration","name":"Datadog",
                    "integration_key":"0123456789abcdef0123456789abcdef","vendor":{"summary":"Datadog"}},
                   {"id":"PI2","type":"generic_email_inbound_integration","name":"Email"}]}]"""), NOW);
        assertEquals(List.of(new Specs.Integration("pagerduty:integration:PI1", "Checkout / Datadog", "pagerduty",
                "Checkout", "0123456789abcdef0123456789abcdef", "change only the Events API URL in Datadog")),
                s.integrations());
        assertTrue(noted(s, "'Checkout / Email'", "not imported"));
        assertTrue(noted(s, "service 'Checkout' → escalation policy 'Checkout EP'", "triage rule"));
    }
}
