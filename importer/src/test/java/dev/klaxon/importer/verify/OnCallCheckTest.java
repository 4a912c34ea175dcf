package dev.klaxon.importer.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.klaxon.importer.source.Source.SourceShift;

class OnCallCheckTest {

    static final Instant FROM = Instant.parse("2027-03-20T00:00:00Z");

    static SourceShift shift(String who, String start, String end) {
        return new SourceShift(who, who, Instant.parse(start), Instant.parse(end));
    }

    static final List<SourceShift> SOURCE = List.of(
            shift("ana", "2027-03-19T09:00:00Z", "2027-03-20T09:00:00Z"),
            shift("ben", "2027-03-20T09:00:00Z", "2027-03-21T09:00:00Z"),
            shift("cat", "2027-03-20T12:00:00Z", "2027-03-20T13:00:00Z"));

    @Test
    void everyHandOffInTheRangeAndTheSecondBeforeItAreCheckedBesidesTheSamples() {
        List<Instant> at = OnCallCheck.instants(SOURCE, FROM, FROM.plus(Duration.ofDays(1)), Duration.ofHours(6));
        assertTrue(at.contains(Instant.parse("2027-03-20T09:00:00Z")));
        assertTrue(at.contains(Instant.parse("2027-03-20T08:59:59Z")));
        assertTrue(at.contains(Instant.parse("2027-03-20T12:59:59Z")));
        assertTrue(at.contains(Instant.parse("2027-03-20T00:07:00Z")), "samples are taken 7 minutes off the hour");
        assertTrue(at.contains(Instant.parse("2027-03-20T18:07:00Z")));
        assertTrue(at.stream().noneMatch(t -> t.isBefore(FROM)), "the shift that began before the range is not");
        assertEquals(at.stream().sorted().toList(), at);
    }

    @Test
    void overlappingShiftsMeanSeveralPeopleOnCallAndAGapMeansNobody() {
        assertEquals(Set.of("ben", "cat"), OnCallCheck.expected(SOURCE, Instant.parse("2027-03-20T12:30:00Z")));
        assertEquals(Set.of(), OnCallCheck.expected(SOURCE, Instant.parse("2027-03-21T09:00:00Z")));
    }

    @Test
    void aHandOffAnHourLateInKlaxonIsAMismatchOnBothSidesOfTheSourcesHandOff() {
        // Klaxon hands over from ana to ben at 10:00 instead of 09:00 (a DST mistake)
        List<Instant> at = OnCallCheck.instants(SOURCE, FROM, FROM.plus(Duration.ofDays(1)), Duration.ofHours(6));
        List<OnCallCheck.Mismatch> mismatches = OnCallCheck.compare(SOURCE, at, t -> {
            Set<String> who = t.isBefore(Instant.parse("2027-03-20T10:00:00Z")) ? Set.of("ana") : Set.of("ben");
            return OnCallCheck.expected(SOURCE, t).contains("cat") ? Set.of("ben", "cat") : who;
        });
        assertEquals(List.of(Instant.parse("2027-03-20T09:00:00Z")), mismatches.stream().map(OnCallCheck.Mismatch::at)
                .toList());
        assertEquals(Set.of("ben"), mismatches.get(0).source());
        assertEquals(Set.of("ana"), mismatches.get(0).klaxon());
    }

    @Test
    void klaxonAgreeingEverywhereGivesNoMismatchAndRunsOfTheSameMismatchCollapse() {
        List<Instant> at = OnCallCheck.instants(SOURCE, FROM, FROM.plus(Duration.ofDays(1)), Duration.ofHours(1));
        assertTrue(OnCallCheck.compare(SOURCE, at, t -> OnCallCheck.expected(SOURCE, t)).isEmpty());
        List<OnCallCheck.Mismatch> wrong = OnCallCheck.compare(SOURCE, at, t -> Set.of("dan"));
        // ana→dan, ben→dan, ben+cat→dan, ben→dan: one line per stretch, not one per instant
        assertEquals(4, OnCallCheck.collapse(wrong).size());
    }
}
