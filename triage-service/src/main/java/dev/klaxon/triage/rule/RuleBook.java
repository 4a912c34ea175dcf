package dev.klaxon.triage.rule;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.klaxon.events.NormalizedAlert;
import dev.klaxon.triage.rule.repository.RuleRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The compiled rule list every alert is triaged with: loaded at start, reloaded after each change made here and
 * every few seconds, so replicas pick up each other's changes.
 */
@ApplicationScoped
public class RuleBook {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    private final RuleRepository repository;
    private final AtomicReference<List<RuleEngine.CompiledRule>> rules = new AtomicReference<>();

    public RuleBook(RuleRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        reload().await().indefinitely();
    }

    @Scheduled(every = "${klaxon.triage.rule-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.warnf("rules not reloaded: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reads and compiles the rules; a stored rule that no longer compiles is skipped and logged. */
    public Uni<Void> reload() {
        return repository.list().map(list -> list.stream().map(r -> {
            try {
                return RuleEngine.compile(r);
            } catch (RuleException e) {
                LOG.errorf("rule %s (%s) skipped: %s", r.id(), r.name(), e.getMessage());
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList()).invoke(rules::set).replaceWithVoid();
    }

    /** Triage one alert with the current rules. */
    public Uni<RuleEngine.Decision> decide(NormalizedAlert alert, Instant now) {
        List<RuleEngine.CompiledRule> current = rules.get();
        if (current == null) {
            return reload().map(x -> RuleEngine.evaluate(rules.get(), alert, now));
        }
        return Uni.createFrom().item(RuleEngine.evaluate(current, alert, now));
    }
}
