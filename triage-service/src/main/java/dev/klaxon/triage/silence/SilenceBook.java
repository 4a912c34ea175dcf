package dev.klaxon.triage.silence;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.triage.rule.LabelMatcher;
import dev.klaxon.triage.silence.repository.MaintenanceRepository;
import dev.klaxon.triage.silence.repository.SilenceRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The silences and maintenance windows that have not yet ended, kept in memory so each alert is checked without a
 * query. Reloaded after every change made through this instance and every few seconds (other replicas' changes).
 * Start and end are compared with the alert's triage time, so a silence stops applying exactly when it ends.
 */
@ApplicationScoped
public class SilenceBook {

    private static final Logger LOG = Logger.getLogger(SilenceBook.class);

    record Loaded(List<Compiled> silences, List<MaintenanceWindow> windows) {
    }

    record Compiled(Silence silence, List<LabelMatcher.Compiled> matchers) {
    }

    private final SilenceRepository silences;
    private final MaintenanceRepository windows;
    private final Clock clock;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    public SilenceBook(SilenceRepository silences, MaintenanceRepository windows, Clock clock) {
        this.silences = silences;
        this.windows = windows;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        reload().await().indefinitely();
    }

    @Scheduled(every = "${klaxon.triage.silence-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.warnf("silences not reloaded: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> reload() {
        Instant now = clock.instant();
        return silences.live(now).flatMap(s -> windows.live(now).map(w -> new Loaded(s.stream()
                .map(x -> new Compiled(x, x.matchers().stream().map(LabelMatcher::compile).toList())).toList(), w)))
                .invoke(loaded::set).replaceWithVoid();
    }

    /** The silence or maintenance window that mutes a firing alert at an instant, if any. */
    public Uni<Optional<Mute>> mute(NormalizedAlert alert, Instant now) {
        Loaded current = loaded.get();
        if (current == null) {
            return reload().map(x -> mute(loaded.get(), alert, now));
        }
        return Uni.createFrom().item(mute(current, alert, now));
    }

    static Optional<Mute> mute(Loaded loaded, NormalizedAlert alert, Instant now) {
        for (MaintenanceWindow w : loaded.windows()) {
            if (w.service().equals(alert.service()) && MuteState.at(w.startsAt(), w.endsAt(), now) == MuteState.ACTIVE) {
                return Optional.of(new Mute("maintenance", w.id(), "service " + w.service() + " is in maintenance until "
                        + w.endsAt() + ": " + w.reason()));
            }
        }
        Map<String, String> labels = null;
        for (Compiled c : loaded.silences()) {
            Silence s = c.silence();
            if (MuteState.at(s.startsAt(), s.endsAt(), now) != MuteState.ACTIVE) {
                continue;
            }
            if (labels == null) {
                labels = matchable(alert);
            }
            Map<String, String> l = labels;
            if (c.matchers().stream().allMatch(m -> m.matches(l))) {
                return Optional.of(new Mute("silence", s.id(), "silenced until " + s.endsAt() + " by " + s.createdBy()
                        + ": " + s.comment()));
            }
        }
        return Optional.empty();
    }

    /** What silence matchers see: the alert's labels, with its own routing fields on top. */
    public static Map<String, String> matchable(NormalizedAlert alert) {
        Map<String, String> labels = new HashMap<>(alert.labels());
        put(labels, "service", alert.service());
        put(labels, "source", alert.sourceType());
        put(labels, "integration", alert.integrationId());
        return labels;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
