package dev.klaxon.notifier.delivery.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.klaxon.events.ContactType;
import dev.klaxon.kit.time.Durations;
import dev.klaxon.notifier.config.DeliveryConfig;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rate limits per contact method (address) and per provider, counted from what was actually sent (the delivery
 * log's {@code sent_at}), so they hold across restarts and, closely enough, across replicas.
 */
@ApplicationScoped
public class RateLimiter {

    /** At most {@code count} messages within any {@code window}. */
    public record Rule(int count, Duration window) {

        /** {@code 5/15m} and the like. */
        public static Rule parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("rate limit rule " + text + " is not count/window, such as 5/15m");
            }
            return new Rule(Integer.parseInt(parts[0].strip()), Durations.parse(parts[1]));
        }
    }

    private final DeliveryRepository deliveries;
    private final boolean enabled;
    private final Map<ContactType, List<Rule>> perAddress;
    private final Map<ContactType, List<Rule>> perProvider;

    public RateLimiter(DeliveryRepository deliveries, DeliveryConfig config) {
        this.deliveries = deliveries;
        DeliveryConfig.RateLimits limits = config.rateLimits();
        this.enabled = limits.enabled();
        this.perAddress = Map.of(ContactType.SMS, rules(limits.smsPerAddress()),
                ContactType.EMAIL, rules(limits.emailPerAddress()));
        this.perProvider = Map.of(ContactType.SMS, rules(limits.smsPerProvider()));
    }

    /** Whether messages of this type are rate limited at all. */
    public boolean limits(ContactType type) {
        return enabled && !(perAddress.getOrDefault(type, List.of()).isEmpty()
                && perProvider.getOrDefault(type, List.of()).isEmpty());
    }

    /** When the next message to this address may go, if not now; null when it may go now. */
    public Uni<Instant> nextSlot(ContactType type, String address, Instant now) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        List<Rule> mine = perAddress.getOrDefault(type, List.of());
        List<Rule> provider = perProvider.getOrDefault(type, List.of());
        Uni<Instant> forAddress = mine.isEmpty() ? Uni.createFrom().nullItem()
                : deliveries.sentTimes(type, address, now.minus(longest(mine)), most(mine))
                        .map(sent -> nextSlot(mine, sent, now));
        return forAddress.flatMap(a -> provider.isEmpty() ? Uni.createFrom().item(a)
                : deliveries.sentTimes(type, null, now.minus(longest(provider)), most(provider))
                        .map(sent -> later(a, nextSlot(provider, sent, now))));
    }

    /** Pure: given the send times (newest first), when the rules allow the next one; null when they do now. */
    public static Instant nextSlot(List<Rule> rules, List<Instant> sentNewestFirst, Instant now) {
        Instant slot = null;
        for (Rule r : rules) {
            List<Instant> inWindow = sentNewestFirst.stream().filter(t -> t.isAfter(now.minus(r.window()))).toList();
            if (inWindow.size() >= r.count()) {
                // the window frees up when the count-th most recent send leaves it
                slot = later(slot, inWindow.get(r.count() - 1).plus(r.window()));
            }
        }
        return slot;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Duration longest(List<Rule> rules) {
        return rules.stream().map(Rule::window).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static int most(List<Rule> rules) {
        return rules.stream().mapToInt(Rule::count).max().orElse(0);
    }

    private static List<Rule> rules(List<String> texts) {
        List<Rule> out = new ArrayList<>();
        for (String t : texts) {
            if (!t.isBlank() && !t.strip().equalsIgnoreCase("none")) {
                out.add(Rule.parse(t));
            }
        }
        return out;
    }
}
