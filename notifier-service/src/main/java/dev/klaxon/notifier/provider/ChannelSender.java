package dev.klaxon.notifier.provider;

import dev.klaxon.events.ContactType;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;

/** Sends one delivery through one provider. The Uni does not fail: every outcome, errors included, is a result. */
public interface ChannelSender {

    /** The contact type this sender serves. */
    ContactType contactType();

    Uni<SendResult> send(Delivery delivery);
}
