package dev.klaxon.notifier.provider;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;

/** Sends one delivery through one provider; never fails the Uni, the outcome is in the result. */
public interface ChannelSender {

    ContactType channel();

    Uni<SendResult> send(Delivery delivery, NotificationRequested notification);
}
