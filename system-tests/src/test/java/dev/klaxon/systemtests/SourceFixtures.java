package dev.klaxon.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The source API answers the importer tests serve, written from each source's API reference as JSON files with dates
 * relative to the test's "now" ({@link #BASE}): {@code {{at:-14:09:00:Europe/London}}} is 14 days before it at 09:00
 * London time with its offset, {@code mon:} the Monday on or before that day, {@code local:}/{@code localmon:} the same
 * without an offset (Grafana OnCall's local times).
 */
final class SourceFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * "Now" for the importer tests: 5 days before the next change of clocks in London or New York, so the four weeks
     * the on-call check covers hold both (spring: New York, then London two weeks later; autumn: London, then New
     * York a week later).
     */
    static final Instant BASE = base(Instant.now());

    static Instant base(Instant now) {
        Instant next = null;
        for (String zone : List.of("Europe/London", "America/New_York")) {
            ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(now.plus(6, ChronoUnit.DAYS));
            next = next == null || t.getInstant().isBefore(next) ? t.getInstant() : next;
        }
        return next.minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    }

    private static final Pattern TOKEN = Pattern.compile("\\{\\{(at|mon|local|localmon):(-?\\d+):(\\d\\d):(\\d\\d):"
            + "([A-Za-z_/]+)}}");

    /** A fixture file with its dates filled in. */
    static String text(String path) {
        try (InputStream in = SourceFixtures.class.getResourceAsStream("/importer/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return fill(new String(in.readAllBytes(), StandardCharsets.UTF_8), BASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fill(String template, Instant base) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            ZoneId zone = ZoneId.of(m.group(5));
            LocalDate day = LocalDate.ofInstant(base, zone).plusDays(Long.parseLong(m.group(2)));
            if (m.group(1).endsWith("mon")) {
                day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            }
            LocalDateTime local = day.atTime(LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
            String value = m.group(1).startsWith("local") ? local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    : local.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One person on call for a stretch, as the sources' final schedules list them. */
    record Stretch(String who, Instant start, Instant end) {
    }

    /**
     * Who a source has on call minute by minute over {@code [from, to)}, as stretches per person: the brute-force
     * answer the fake sources serve, computed from the fixture by the source's documented rules (not by Klaxon's
     * calculator).
     */
    static List<Stretch> stretches(Instant from, Instant to, Function<Instant, Set<String>> onCall) {
        Map<String, Instant> open = new LinkedHashMap<>();
        List<Stretch> out = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
            Set<String> now = t.isBefore(to) ? onCall.apply(t) : Set.of();
            for (String who : new TreeSet<>(open.keySet())) {
                if (!now.contains(who)) {
                    out.add(new Stretch(who, open.remove(who), t));
                }
            }
            for (String who : now) {
                open.putIfAbsent(who, t);
            }
        }
        out.sort(java.util.Comparator.comparing(Stretch::start).thenComparing(Stretch::who));
        return out;
    }

    static String iso(Instant t) {
        return t.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private SourceFixtures() {
    }
}
