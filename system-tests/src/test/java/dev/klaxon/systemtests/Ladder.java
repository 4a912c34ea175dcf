package dev.klaxon.systemtests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.klaxon.events.DeterministicIds;
import dev.klaxon.events.EventJson;
import dev.klaxon.events.NotificationKind;

/**
 * An escalation policy as a test walks it (the people of each step, how many times the ladder repeats), and what
 * "every step fires once, none twice" means on {@code notifications.requested} for incidents nobody acknowledges.
 *
 * @param people per step, the people it pages
 */
record Ladder(String policyName, List<List<UUID>> people, int repeat) {

    /** One NotificationRequested as it reached the topic. */
    record Page(UUID notificationId, String kind, UUID incidentId, int step, String recipientId, Instant requestedAt,
            long recordTimestamp, String value) {

        static Page of(ConsumerRecord<String, String> r) {
            try {
                JsonNode p = EventJson.mapper().readTree(r.value()).path("payload");
                return new Page(UUID.fromString(p.path("notificationId").asText()), p.path("kind").asText(),
                        UUID.fromString(p.path("incident").path("incidentId").asText()),
                        p.path("incident").path("escalationStep").asInt(), p.path("recipientId").asText(),
                        Instant.parse(p.path("requestedAt").asText()), r.timestamp(), r.value());
            } catch (JsonProcessingException | RuntimeException e) {
                return null;
            }
        }
    }

    /** How many pages one incident's full ladder sends. */
    int pagesPerIncident() {
        return people.stream().mapToInt(List::size).sum() * (repeat + 1);
    }

    /** How many times one incident is escalated by its timers before the ladder is exhausted. */
    int escalationsPerIncident() {
        return people.size() * (repeat + 1) - 1;
    }

    /**
     * The id of every page the incident's ladder sends, as the escalation-service derives it: (incident, kind, cycle,
     * step, person), TRIGGERED for the first step of the first walk and ESCALATED after.
     */
    Map<UUID, String> expectedPages(UUID incident) {
        Map<UUID, String> ids = new LinkedHashMap<>();
        for (int cycle = 0; cycle <= repeat; cycle++) {
            for (int step = 0; step < people.size(); step++) {
                NotificationKind kind = cycle == 0 && step == 0 ? NotificationKind.TRIGGERED
                        : NotificationKind.ESCALATED;
                for (UUID person : people.get(step)) {
                    ids.put(DeterministicIds.of(incident, kind, cycle, step, person),
                            "incident " + incident + " cycle " + cycle + " step " + step + " person " + person);
                }
            }
        }
        return ids;
    }

    /** The pages of these incidents among the records. */
    static List<Page> pagesOf(Collection<UUID> incidents, List<ConsumerRecord<String, String>> records) {
        Set<UUID> ours = new HashSet<>(incidents);
        List<Page> pages = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            Page p = Page.of(r);
            if (p != null && ours.contains(p.incidentId())) {
                pages.add(p);
            }
        }
        return pages;
    }

    /** True once every page the incidents' ladders send has reached the topic. */
    boolean complete(Collection<UUID> incidents, List<Page> pages) {
        Set<UUID> seen = new HashSet<>();
        pages.forEach(p -> seen.add(p.notificationId()));
        return incidents.stream().allMatch(i -> seen.containsAll(expectedPages(i).keySet()));
    }

    /** The result of checking the pages of whole ladders. */
    record Verdict(List<String> problems, int pages, int resends) {
    }

    /**
     * Checks the pages of these incidents' whole ladders: every expected page is there; no page has an id the ladder
     * does not send (a step paged again under a new id); no id was published with two different contents (a step
     * decided twice); every (incident, step, person) was paged once per walk of the ladder. Records of one id with
     * identical content are the outbox relay re-sending after a crash between the broker's acknowledgement and its
     * own commit, which the design allows (consumers deduplicate on the id); they are counted, not failed.
     */
    Verdict check(Collection<UUID> incidents, List<Page> pages) {
        List<String> problems = new ArrayList<>();
        Map<UUID, String> expected = new LinkedHashMap<>();
        incidents.forEach(i -> expected.putAll(expectedPages(i)));
        Map<UUID, Set<String>> contentsById = new LinkedHashMap<>();
        Map<UUID, Integer> recordsById = new LinkedHashMap<>();
        Map<String, Set<UUID>> idsByStepAndPerson = new LinkedHashMap<>();
        for (Page p : pages) {
            if (!expected.containsKey(p.notificationId())) {
                problems.add("unexpected page " + p.notificationId() + " (" + p.kind() + ", step " + p.step()
                        + ", recipient " + p.recipientId() + ") for incident " + p.incidentId());
                continue;
            }
            contentsById.computeIfAbsent(p.notificationId(), k -> new LinkedHashSet<>()).add(p.value());
            recordsById.merge(p.notificationId(), 1, Integer::sum);
            idsByStepAndPerson.computeIfAbsent(p.incidentId() + " step " + p.step() + " person " + p.recipientId(),
                    k -> new LinkedHashSet<>()).add(p.notificationId());
        }
        expected.forEach((id, what) -> {
            if (!contentsById.containsKey(id)) {
                problems.add("never paged: " + what);
            } else if (contentsById.get(id).size() > 1) {
                problems.add("paged " + contentsById.get(id).size() + " times (different contents, same id): "
                        + what);
            }
        });
        for (UUID incident : incidents) {
            for (int step = 0; step < people.size(); step++) {
                for (UUID person : people.get(step)) {
                    Set<UUID> ids = idsByStepAndPerson.getOrDefault(incident + " step " + step + " person " + person,
                            Set.of());
                    if (ids.size() != repeat + 1) {
                        problems.add("incident " + incident + " step " + step + " person " + person + ": "
                                + ids.size() + " distinct pages, expected " + (repeat + 1));
                    }
                }
            }
        }
        int resends = recordsById.values().stream().mapToInt(n -> n - 1).sum();
        return new Verdict(problems, pages.size(), resends);
    }
}
