package dev.klaxon.escalation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OnCallTest {

    static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID BEN = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID CAT = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    static Schedule schedule(String zone, Rotation... rotations) {
        return new Schedule(UUID.randomUUID(), "s", zone, List.of(rotations), List.of());
    }

    static Instant local(String zone, String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void weeklyRotationHandsOffEveryMondayAtNineLocal() {
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(ANA, BEN, CAT));
        Schedule s = schedule("Europe/London", r);
        assertEquals(List.of(ANA), OnCall.at(s, local("Europe/London", "2026-01-05T09:00:00")));
        assertEquals(List.of(ANA), OnCall.at(s, local("Europe/London", "2026-01-12T08:59:59")));
        assertEquals(List.of(BEN), OnCall.at(s, local("Europe/London", "2026-01-12T09:00:00")));
        assertEquals(List.of(CAT), OnCall.at(s, local("Europe/London", "2026-01-19T09:00:00")));
        assertEquals(List.of(ANA), OnCall.at(s, local("Europe/London", "2026-01-26T09:00:00")));
    }

    @Test
    void nobodyIsOnCallBeforeTheRotationStarts() {
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(ANA));
        assertTrue(OnCall.at(schedule("UTC", r), Instant.parse("2026-01-05T08:59:59Z")).isEmpty());
    }

    @Test
    void dailyHandOffStaysAtNineLocalAcrossSpringForwardInLondon() {
        // clocks go forward on 2026-03-29 at 01:00 UTC in Europe/London
        Rotation r = new Rotation(UUID.randomUUID(), "daily", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-03-27T09:00:00"), List.of(ANA, BEN));
        Schedule s = schedule("Europe/London", r);
        assertEquals(List.of(BEN), OnCall.at(s, local("Europe/London", "2026-03-29T08:59:00"))); // 28th = BEN
        assertEquals(List.of(ANA), OnCall.at(s, local("Europe/London", "2026-03-29T09:00:00")));
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"),
                OnCall.nextHandoff(r, ZoneId.of("Europe/London"), local("Europe/London", "2026-03-29T12:00:00")));
    }

    @Test
    void dailyHandOffStaysAtNineLocalAcrossFallBackInLondon() {
        // clocks go back on 2026-10-25 at 01:00 UTC in Europe/London
        Rotation r = new Rotation(UUID.randomUUID(), "daily", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-10-24T09:00:00"), List.of(ANA, BEN));
        Schedule s = schedule("Europe/London", r);
        assertEquals(List.of(ANA), OnCall.at(s, local("Europe/London", "2026-10-25T08:59:00")));
        assertEquals(List.of(BEN), OnCall.at(s, local("Europe/London", "2026-10-25T09:00:00")));
        assertEquals(Instant.parse("2026-10-25T09:00:00Z"), local("Europe/London", "2026-10-25T09:00:00"));
    }

    @Test
    void weeklyHandOffStaysAtNineLocalAcrossBothTransitionsInNewYork() {
        // US DST 2026: starts 2026-03-08, ends 2026-11-01
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-03-02T09:00:00"), List.of(ANA, BEN));
        Schedule s = schedule("America/New_York", r);
        assertEquals(List.of(BEN), OnCall.at(s, local("America/New_York", "2026-03-09T09:00:00")));
        assertEquals(List.of(ANA), OnCall.at(s, local("America/New_York", "2026-03-09T08:59:59")));
        ZonedDateTime afterFallBack = ZonedDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneId.of("America/New_York"));
        // 2026-11-02 is 35 weeks after 2026-03-02: odd → BEN
        assertEquals(List.of(BEN), OnCall.at(s, afterFallBack.toInstant()));
        assertEquals(List.of(ANA), OnCall.at(s, afterFallBack.toInstant().minusSeconds(1)));
    }

    @Test
    void hourlyShiftsCountRealHoursAcrossDst() {
        Rotation r = new Rotation(UUID.randomUUID(), "hourly", Rotation.Type.HOURLY, 12,
                LocalDateTime.parse("2026-03-28T20:00:00"), List.of(ANA, BEN));
        Schedule s = schedule("Europe/London", r);
        // 20:00 GMT + 12 real hours = 09:00 BST next day
        assertEquals(List.of(ANA), OnCall.at(s, Instant.parse("2026-03-29T07:59:59Z")));
        assertEquals(List.of(BEN), OnCall.at(s, Instant.parse("2026-03-29T08:00:00Z")));
    }

    @Test
    void anOverrideTakesPrecedenceWhileItLasts() {
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(ANA));
        Schedule s = new Schedule(UUID.randomUUID(), "s", "UTC", List.of(r), List.of(new ScheduleOverride(
                UUID.randomUUID(), CAT, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-02T00:00:00Z"))));
        assertEquals(List.of(CAT), OnCall.at(s, Instant.parse("2026-02-01T12:00:00Z")));
        assertEquals(List.of(ANA), OnCall.at(s, Instant.parse("2026-02-02T00:00:00Z")));
    }

    @Test
    void everyRotationContributesItsCurrentParticipant() {
        Rotation a = new Rotation(UUID.randomUUID(), "primary", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-01-01T00:00:00"), List.of(ANA));
        Rotation b = new Rotation(UUID.randomUUID(), "secondary", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-01-01T00:00:00"), List.of(BEN));
        assertEquals(List.of(ANA, BEN), OnCall.at(schedule("UTC", a, b), Instant.parse("2026-06-01T00:00:00Z")));
    }

    static Shift shift(UUID who, String start, String end) {
        return new Shift(who, Instant.parse(start), Instant.parse(end), false);
    }

    @Test
    void shiftsOfADailyRotationAcrossSpringForwardKeepNineLocalSoOneShiftIs23Hours() {
        // clocks go forward on 2026-03-29 at 01:00 UTC in Europe/London: 09:00 local is 09:00Z before, 08:00Z after
        Rotation r = new Rotation(UUID.randomUUID(), "daily", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-03-27T09:00:00"), List.of(ANA, BEN));
        Schedule s = schedule("Europe/London", r);
        List<Shift> shifts = OnCall.shifts(s, Instant.parse("2026-03-28T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"));
        assertEquals(List.of(
                shift(ANA, "2026-03-27T09:00:00Z", "2026-03-28T09:00:00Z"), // whole, though it began before the range
                shift(BEN, "2026-03-28T09:00:00Z", "2026-03-29T08:00:00Z"), // 23 hours
                shift(ANA, "2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z"),
                shift(BEN, "2026-03-30T08:00:00Z", "2026-03-31T08:00:00Z")), shifts);
    }

    @Test
    void shiftsOfAWeeklyRotationAcrossFallBackInNewYorkHoldOneHourMore() {
        // US DST ends 2026-11-01 at 06:00 UTC: 09:00 EDT is 13:00Z, 09:00 EST is 14:00Z
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-10-26T09:00:00"), List.of(ANA, BEN));
        List<Shift> shifts = OnCall.shifts(schedule("America/New_York", r), Instant.parse("2026-10-30T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"));
        assertEquals(List.of(shift(ANA, "2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z"),
                shift(BEN, "2026-11-02T14:00:00Z", "2026-11-09T14:00:00Z")), shifts);
        assertEquals(7 * 24 + 1, java.time.Duration.between(shifts.get(0).start(), shifts.get(0).end()).toHours());
    }

    @Test
    void anOverrideIsAShiftOfItsOwnAndCutsTheRotationShiftItCovers() {
        Rotation r = new Rotation(UUID.randomUUID(), "weekly", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(ANA, BEN));
        Schedule s = new Schedule(UUID.randomUUID(), "s", "UTC", List.of(r), List.of(
                new ScheduleOverride(UUID.randomUUID(), CAT, Instant.parse("2026-01-07T00:00:00Z"),
                        Instant.parse("2026-01-08T00:00:00Z")),
                new ScheduleOverride(UUID.randomUUID(), BEN, Instant.parse("2026-01-11T12:00:00Z"),
                        Instant.parse("2026-01-12T12:00:00Z"))));
        List<Shift> shifts = OnCall.shifts(s, Instant.parse("2026-01-05T00:00:00Z"),
                Instant.parse("2026-01-13T00:00:00Z"));
        assertEquals(List.of(
                shift(ANA, "2026-01-05T09:00:00Z", "2026-01-07T00:00:00Z"),
                new Shift(CAT, Instant.parse("2026-01-07T00:00:00Z"), Instant.parse("2026-01-08T00:00:00Z"), true),
                shift(ANA, "2026-01-08T00:00:00Z", "2026-01-11T12:00:00Z"),
                // the override runs over the hand-off: BEN covers the end of ANA's week and the start of his own
                new Shift(BEN, Instant.parse("2026-01-11T12:00:00Z"), Instant.parse("2026-01-12T12:00:00Z"), true),
                shift(BEN, "2026-01-12T12:00:00Z", "2026-01-19T09:00:00Z")), shifts);
    }

    @Test
    void shiftsAgreeWithWhoIsOnCallAtEveryMinuteAcrossBothLondonTransitions() {
        Rotation daily = new Rotation(UUID.randomUUID(), "daily", Rotation.Type.DAILY, 2,
                LocalDateTime.parse("2026-03-20T01:30:00"), List.of(ANA, BEN));
        Rotation hourly = new Rotation(UUID.randomUUID(), "hourly", Rotation.Type.HOURLY, 7,
                LocalDateTime.parse("2026-03-28T22:00:00"), List.of(CAT, ANA));
        for (String[] range : new String[][] { { "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z" },
                { "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z" } }) {
            Instant from = Instant.parse(range[0]);
            Instant to = Instant.parse(range[1]);
            Schedule s = new Schedule(UUID.randomUUID(), "s", "Europe/London", List.of(daily, hourly), List.of(
                    new ScheduleOverride(UUID.randomUUID(), CAT, from.plusSeconds(20 * 3600),
                            from.plusSeconds(27 * 3600))));
            List<Shift> shifts = OnCall.shifts(s, from, to);
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                Instant at = t;
                java.util.Set<UUID> fromShifts = new java.util.HashSet<>();
                shifts.stream().filter(x -> !at.isBefore(x.start()) && at.isBefore(x.end()))
                        .forEach(x -> fromShifts.add(x.userId()));
                assertEquals(new java.util.HashSet<>(OnCall.at(s, at)), fromShifts, "at " + at);
            }
        }
    }

    @Test
    void noShiftBeginsBeforeTheRotationStarts() {
        Rotation r = new Rotation(UUID.randomUUID(), "daily", Rotation.Type.DAILY, 1,
                LocalDateTime.parse("2026-01-10T09:00:00"), List.of(ANA));
        List<Shift> shifts = OnCall.shifts(schedule("UTC", r), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        assertEquals(List.of(shift(ANA, "2026-01-10T09:00:00Z", "2026-01-11T09:00:00Z")), shifts);
    }

    // ---- restrictions, layers and active periods ----

    static final UUID DAN = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    static Rotation restricted(String name, Rotation.Type type, int length, String start, List<UUID> who, int layer,
            List<Restriction> restrictions) {
        return new Rotation(UUID.randomUUID(), name, type, length, LocalDateTime.parse(start), who, layer,
                restrictions, null, null);
    }

    static Restriction window(String startTime, int minutes, java.time.DayOfWeek... days) {
        return new Restriction(List.of(days), java.time.LocalTime.parse(startTime), minutes);
    }

    static final java.time.DayOfWeek[] WEEKDAYS = { java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY,
            java.time.DayOfWeek.WEDNESDAY, java.time.DayOfWeek.THURSDAY, java.time.DayOfWeek.FRIDAY };

    /** Rows of (local time in the zone, who is on call); an empty list means nobody. */
    static void assertTable(Schedule s, Object[][] rows) {
        for (Object[] row : rows) {
            @SuppressWarnings("unchecked")
            List<UUID> expected = (List<UUID>) row[1];
            assertEquals(expected, OnCall.at(s, local(s.timeZone(), (String) row[0])), "at " + row[0]);
        }
    }

    @Test
    void aRestrictedRotationIsOnCallOnlyInsideItsWeekdayBusinessHours() {
        Rotation business = restricted("business", Rotation.Type.WEEKLY, 1, "2026-01-05T09:00:00", List.of(ANA, BEN), 0,
                List.of(window("09:00", 8 * 60, WEEKDAYS)));
        assertTable(schedule("Europe/London", business), new Object[][] {
                { "2026-01-05T08:59:59", List.of() },
                { "2026-01-05T09:00:00", List.of(ANA) },
                { "2026-01-05T16:59:59", List.of(ANA) },
                { "2026-01-05T17:00:00", List.of() },
                { "2026-01-09T12:00:00", List.of(ANA) }, // Friday
                { "2026-01-10T12:00:00", List.of() }, // Saturday
                { "2026-01-12T09:00:00", List.of(BEN) }, // hand-off at the start of the window
                { "2026-01-19T10:00:00", List.of(ANA) } });
    }

    @Test
    void aHigherLayerWinsDuringItsRestrictedWindowsAndTheLowerLayerShowsThroughOutsideThem() {
        // PagerDuty's final schedule: a weekly layer around the clock under a daily day-shift layer on weekdays
        Rotation base = restricted("base", Rotation.Type.WEEKLY, 1, "2026-01-05T09:00:00", List.of(ANA, BEN), 0,
                List.of());
        Rotation day = restricted("day", Rotation.Type.DAILY, 1, "2026-01-05T09:00:00", List.of(CAT, DAN), 1,
                List.of(window("09:00", 8 * 60, WEEKDAYS)));
        assertTable(schedule("UTC", base, day), new Object[][] {
                { "2026-01-05T08:00:00", List.of() }, // before both
                { "2026-01-05T09:00:00", List.of(CAT) },
                { "2026-01-05T17:00:00", List.of(ANA) },
                { "2026-01-06T09:30:00", List.of(DAN) },
                { "2026-01-06T03:00:00", List.of(ANA) },
                { "2026-01-10T12:00:00", List.of(ANA) }, // weekend: the base layer
                { "2026-01-12T12:00:00", List.of(DAN) }, // 7 days after the 5th: odd → DAN
                { "2026-01-12T18:00:00", List.of(BEN) } });
    }

    @Test
    void rotationsOfOneLayerAreOnCallTogetherAsBefore() {
        Rotation a = restricted("a", Rotation.Type.DAILY, 1, "2026-01-01T00:00:00", List.of(ANA), 2, List.of());
        Rotation b = restricted("b", Rotation.Type.DAILY, 1, "2026-01-01T00:00:00", List.of(BEN), 2, List.of());
        Rotation c = restricted("c", Rotation.Type.DAILY, 1, "2026-01-01T00:00:00", List.of(CAT), 1, List.of());
        assertEquals(List.of(ANA, BEN), OnCall.at(schedule("UTC", c, a, b), Instant.parse("2026-06-01T00:00:00Z")));
    }

    @Test
    void aNightWindowRunsPastMidnightAndKeepsItsWallClockTimesAcrossBothLondonTransitions() {
        // 22:00 for 10 hours = until 08:00 local; on the spring-forward night that is 9 real hours, on fall-back 11
        Rotation night = restricted("night", Rotation.Type.WEEKLY, 1, "2026-03-02T08:00:00", List.of(ANA, BEN), 0,
                List.of(window("22:00", 10 * 60)));
        Schedule s = schedule("Europe/London", night);
        assertTable(s, new Object[][] {
                { "2026-03-28T21:59:00", List.of() },
                { "2026-03-28T22:00:00", List.of(BEN) }, // week of the 23rd: BEN
                { "2026-03-29T07:59:00", List.of(BEN) }, // BST now
                { "2026-03-29T08:00:00", List.of() },
                { "2026-10-24T22:00:00", List.of(BEN) },
                { "2026-10-25T07:59:00", List.of(BEN) }, // GMT again
                { "2026-10-25T08:00:00", List.of() } });
        assertEquals(List.of(), OnCall.at(s, Instant.parse("2026-03-29T07:00:00Z"))); // 08:00 BST
        assertEquals(List.of(BEN), OnCall.at(s, Instant.parse("2026-03-29T06:59:00Z")));
        assertEquals(List.of(BEN), OnCall.at(s, Instant.parse("2026-10-25T07:59:00Z")));
        assertEquals(List.of(), OnCall.at(s, Instant.parse("2026-10-25T08:00:00Z")));
    }

    @Test
    void aWeekendWindowFromFridayEveningToMondayMorningSpansDays() {
        Rotation weekend = restricted("weekend", Rotation.Type.WEEKLY, 1, "2026-01-02T17:00:00", List.of(ANA, BEN), 0,
                List.of(window("17:00", (2 * 24 + 16) * 60, java.time.DayOfWeek.FRIDAY)));
        assertTable(schedule("America/New_York", weekend), new Object[][] {
                { "2026-01-02T16:59:00", List.of() },
                { "2026-01-02T17:00:00", List.of(ANA) },
                { "2026-01-04T23:00:00", List.of(ANA) },
                { "2026-01-05T08:59:00", List.of(ANA) },
                { "2026-01-05T09:00:00", List.of() },
                { "2026-01-07T12:00:00", List.of() },
                { "2026-01-09T17:00:00", List.of(BEN) },
                // US DST starts Sunday 2026-03-08: the window still ends at 09:00 local on Monday
                { "2026-03-09T08:59:00", List.of(BEN) }, // 2026-03-06 is 9 weeks after 2026-01-02: odd → BEN
                { "2026-03-09T09:00:00", List.of() } });
    }

    @Test
    void aRotationIsOnCallOnlyWithinItsActivePeriod() {
        // PagerDuty's edited layer: the old one ends when the new one starts, both anchored on their own starts
        Rotation old = new Rotation(UUID.randomUUID(), "old", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(ANA, BEN), 0, List.of(), null,
                Instant.parse("2026-02-02T09:00:00Z"));
        Rotation next = new Rotation(UUID.randomUUID(), "new", Rotation.Type.WEEKLY, 1,
                LocalDateTime.parse("2026-01-05T09:00:00"), List.of(CAT, DAN), 0, List.of(),
                Instant.parse("2026-02-02T09:00:00Z"), null);
        Schedule s = schedule("UTC", old, next);
        assertEquals(List.of(ANA), OnCall.at(s, Instant.parse("2026-01-19T09:00:00Z")));
        assertEquals(List.of(BEN), OnCall.at(s, Instant.parse("2026-02-02T08:59:59Z")));
        assertEquals(List.of(CAT), OnCall.at(s, Instant.parse("2026-02-02T09:00:00Z"))); // 4 weeks in: even → CAT
        assertEquals(List.of(DAN), OnCall.at(s, Instant.parse("2026-02-09T09:00:00Z")));
    }

    @Test
    void anOverrideWinsOverEveryLayer() {
        Rotation day = restricted("day", Rotation.Type.DAILY, 1, "2026-01-05T09:00:00", List.of(CAT), 5,
                List.of(window("09:00", 480)));
        Schedule s = new Schedule(UUID.randomUUID(), "s", "UTC", List.of(day), List.of(new ScheduleOverride(
                UUID.randomUUID(), DAN, Instant.parse("2026-01-06T10:00:00Z"), Instant.parse("2026-01-06T11:00:00Z"))));
        assertEquals(List.of(DAN), OnCall.at(s, Instant.parse("2026-01-06T10:30:00Z")));
        assertEquals(List.of(CAT), OnCall.at(s, Instant.parse("2026-01-06T11:00:00Z")));
    }

    @Test
    void shiftsOfALayeredScheduleAreCutByTheHigherLayerAndTheWindows() {
        Rotation base = restricted("base", Rotation.Type.WEEKLY, 1, "2026-01-05T09:00:00", List.of(ANA, BEN), 0,
                List.of());
        Rotation day = restricted("day", Rotation.Type.DAILY, 1, "2026-01-05T09:00:00", List.of(CAT, DAN), 1,
                List.of(window("09:00", 8 * 60, WEEKDAYS)));
        List<Shift> shifts = OnCall.shifts(schedule("UTC", base, day), Instant.parse("2026-01-05T00:00:00Z"),
                Instant.parse("2026-01-07T00:00:00Z"));
        assertEquals(List.of(
                shift(CAT, "2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z"),
                shift(ANA, "2026-01-05T17:00:00Z", "2026-01-06T09:00:00Z"),
                shift(DAN, "2026-01-06T09:00:00Z", "2026-01-06T17:00:00Z"),
                shift(ANA, "2026-01-06T17:00:00Z", "2026-01-07T09:00:00Z")), shifts);
    }

    @Test
    void shiftsAgreeWithWhoIsOnCallAtEveryMinuteForLayersRestrictionsAndActivePeriodsAcrossDst() {
        Rotation base = restricted("base", Rotation.Type.WEEKLY, 1, "2026-03-02T09:00:00", List.of(ANA, BEN), 0,
                List.of());
        Rotation day = restricted("day", Rotation.Type.DAILY, 1, "2026-03-02T09:00:00", List.of(CAT, DAN), 1,
                List.of(window("09:00", 8 * 60, WEEKDAYS)));
        Rotation night = new Rotation(UUID.randomUUID(), "night", Rotation.Type.HOURLY, 12,
                LocalDateTime.parse("2026-03-20T20:00:00"), List.of(DAN, ANA), 2, List.of(window("23:30", 150)),
                Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z"));
        for (String zone : List.of("Europe/London", "America/New_York")) {
            for (String[] range : new String[][] { { "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z" },
                    { "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z" },
                    { "2026-10-23T00:00:00Z", "2026-10-28T00:00:00Z" } }) {
                Instant from = Instant.parse(range[0]);
                Instant to = Instant.parse(range[1]);
                Schedule s = new Schedule(UUID.randomUUID(), "s", zone, List.of(base, day, night), List.of(
                        new ScheduleOverride(UUID.randomUUID(), CAT, from.plusSeconds(30 * 3600),
                                from.plusSeconds(34 * 3600))));
                List<Shift> shifts = OnCall.shifts(s, from, to);
                for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                    Instant at = t;
                    java.util.Set<UUID> fromShifts = new java.util.HashSet<>();
                    shifts.stream().filter(x -> !at.isBefore(x.start()) && at.isBefore(x.end()))
                            .forEach(x -> fromShifts.add(x.userId()));
                    assertEquals(new java.util.HashSet<>(OnCall.at(s, at)), fromShifts, zone + " at " + at);
                }
            }
        }
    }
}
