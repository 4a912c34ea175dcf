package dev.klaxon.ingest.integration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.klaxon.ingest.integration.repository.IntegrationRepository;
import dev.klaxon.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates, changes and looks up integrations; keys are 256-bit random and rotatable. */
@ApplicationScoped
public class IntegrationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a looked-up key is trusted before it is read again (changes made here apply at once). */
    private static final java.time.Duration KEY_CACHE_TTL = java.time.Duration.ofSeconds(5);

    private final IntegrationRepository repository;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> keyCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** A key lookup and when it was made; a null integration caches "unknown key" too. */
    private record Cached(Integration integration, java.time.Instant at) {
    }

    public IntegrationService(IntegrationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * A new integration; {@code key} keeps a sender's existing key (an integration imported from PagerDuty keeps its
     * routing key, so an Events API sender only changes its URL), otherwise a new random one is made.
     */
    public Uni<Integration> create(String name, SourceType type, String service, String secret,
            boolean acknowledgeIncidents, String key, String externalRef) {
        var now = clock.instant();
        keyCache.clear(); // "unknown key" may be cached for a key this integration brings along
        return repository.insert(new Integration(UUID.randomUUID(), name, type, service, key == null ? newKey() : key,
                secret, true, acknowledgeIncidents, now, now,
                externalRef == null || externalRef.isEmpty() ? null : externalRef));
    }

    /** Every integration, or only the one imported with this external reference. */
    public Uni<List<Integration>> list(String externalRef) {
        return repository.list(externalRef);
    }

    public Uni<Integration> get(UUID id) {
        return repository.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id));
    }

    /**
     * Changes an integration; a null {@code acknowledgeIncidents} or {@code externalRef} keeps the stored one, an empty
     * {@code externalRef} clears it.
     */
    public Uni<Integration> update(UUID id, String name, String service, boolean enabled,
            Boolean acknowledgeIncidents, String externalRef) {
        keyCache.clear();
        return repository.update(id, name, service, enabled, acknowledgeIncidents, externalRef).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Integration " + id));
    }

    public Uni<Integration> rotateKey(UUID id) {
        keyCache.clear();
        return repository.rotateKey(id, newKey()).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Integration " + id));
    }

    public Uni<Void> delete(UUID id) {
        keyCache.clear();
        return repository.delete(id).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("Integration " + id);
            }
        }).replaceWithVoid();
    }

    /** The enabled integration with this key, or a 404 problem naming no secret. */
    public Uni<Integration> byKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Uni.createFrom().failure(new ProblemException(404, "Unknown integration key", null));
        }
        java.time.Instant now = clock.instant();
        Cached cached = keyCache.get(key);
        Uni<Integration> lookup = cached != null && cached.at().plus(KEY_CACHE_TTL).isAfter(now)
                ? Uni.createFrom().item(cached.integration())
                : repository.findByKey(key).invoke(i -> {
                    if (keyCache.size() > 10_000) {
                        keyCache.clear(); // bounded: a flood of random keys must not grow memory
                    }
                    keyCache.put(key, new Cached(i, now));
                });
        return lookup.map(i -> {
            if (i == null || !i.enabled()) {
                throw new ProblemException(404, "Unknown integration key",
                        "No enabled integration has this key; check the webhook URL.");
            }
            return i;
        });
    }

    /** A new unguessable key: 256 random bits, URL-safe. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
