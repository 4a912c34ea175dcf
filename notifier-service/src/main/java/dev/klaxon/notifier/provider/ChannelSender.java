package dev.klaxon.notifier.provider;

import dev.klaxon.events.ContactType;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;

/**
 * Sends one delivery through one provider, and after a crash tells whether an interrupted send reached it. Neither
 * Uni fails: every outcome, errors included, is a result.
 */
public interface ChannelSender {

    /** The contact type this sender serves. */
    ContactType contactType();

    Uni<SendResult> send(Delivery delivery);

    /**
     * Whether an attempt interrupted by a crash (begun at {@link Delivery#attemptAt()}) reached the provider. Senders
     * whose provider can be asked look there; the others cannot know, and say so.
     */
    default Uni<Reconciliation> reconcile(Delivery interrupted) {
        return Uni.createFrom().item(Reconciliation.unknowable(contactType() + " keeps no record Klaxon can ask"));
    }
}
