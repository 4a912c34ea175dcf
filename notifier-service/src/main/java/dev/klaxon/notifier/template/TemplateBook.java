package dev.klaxon.notifier.template;

import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.klaxon.notifier.message.MessageRenderer;
import dev.klaxon.notifier.template.repository.TemplateRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Keeps the renderer on the operators' template overrides: at start, after each change here, and every few seconds. */
@ApplicationScoped
public class TemplateBook {

    private static final Logger LOG = Logger.getLogger(TemplateBook.class);

    private final TemplateRepository repository;
    private final MessageRenderer renderer;

    public TemplateBook(TemplateRepository repository, MessageRenderer renderer) {
        this.repository = repository;
        this.renderer = renderer;
    }

    void onStart(@Observes StartupEvent event) {
        reload().await().indefinitely();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.warnf("templates not reloaded: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> reload() {
        return repository.all().invoke(all -> {
            Map<String, String> sources = new HashMap<>();
            all.forEach((name, o) -> sources.put(name, o.body()));
            renderer.apply(sources);
        }).replaceWithVoid();
    }
}
