package dev.klaxon.kit.messaging;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs a step per item, one after the other, in order. A chain of {@code flatMap}s built in a loop nests one Uni per
 * item and overflows the stack when a long batch completes synchronously; a concatenated Multi does not.
 */
public final class Sequential {

    private Sequential() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
                .collect().last().replaceWithVoid();
    }
}
