package dev.klaxon.notifier.channel;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.klaxon.events.IncidentLifecycle;
import dev.klaxon.notifier.channel.repository.ChannelRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The channel routes, cached: reloaded after each change made here and every few seconds (other replicas). */
@ApplicationScoped
public class ChannelBook {

    private static final Logger LOG = Logger.getLogger(ChannelBook.class);

    private final ChannelRepository repository;
    private final AtomicReference<List<ChannelRoute>> routes = new AtomicReference<>();

    public ChannelBook(ChannelRepository repository) {
        this.repository = repository;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.warnf("channel routes not reloaded: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> reload() {
        return repository.list().invoke(routes::set).replaceWithVoid();
    }

    /** The enabled routes that announce this change. */
    public Uni<List<ChannelRoute>> matching(IncidentLifecycle e) {
        List<ChannelRoute> current = routes.get();
        Uni<List<ChannelRoute>> all = current != null ? Uni.createFrom().item(current)
                : reload().map(x -> routes.get());
        return all.map(list -> list.stream().filter(r -> r.matches(e)).toList());
    }
}
