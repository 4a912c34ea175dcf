package dev.klaxon.notifier.provider;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.message.MessageRenderer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Email over SMTP (quarkus-mailer): the runbook template as plain text and as simple HTML. */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ContactType channel() {
        return ContactType.EMAIL;
    }

    @Override
    public Uni<SendResult> send(Delivery delivery, NotificationRequested n) {
        String text = MessageRenderer.text(n);
        Mail mail = Mail.withText(delivery.address(), MessageRenderer.subject(n), text)
                .setHtml("<pre style=\"font-family:monospace\">" + escape(text) + "</pre>")
                .addHeader("X-Klaxon-Notification", delivery.notificationId().toString());
        return mailer.send(mail).replaceWith(SendResult.delivered(null))
                .onFailure().recoverWithItem(e -> {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    // 5xx SMTP replies refuse the message for good; anything else may pass later
                    return message.matches("(?s).*\\b5\\d\\d\\b.*") ? SendResult.failed("SMTP refused: " + message)
                            : SendResult.retry("SMTP: " + message, null);
                });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
