package dev.klaxon.notifier.provider;

import java.net.URI;

import dev.klaxon.events.ContactType;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.Delivery;
import dev.klaxon.notifier.message.MessageRenderer;
import dev.klaxon.notifier.message.RenderedMessage;
import dev.klaxon.notifier.response.AckTokens;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Email over SMTP (quarkus-mailer): the runbook template as the plain-text part and as simple HTML. Every email of
 * an incident names the same thread, so mail clients keep a page, its acknowledgement and its resolution together.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final ReactiveMailer mailer;
    private final MessageRenderer renderer;
    private final String domain;
    private final AckTokens ackTokens;
    private final String publicUrl;

    public EmailSender(ReactiveMailer mailer, MessageRenderer renderer, ProvidersConfig config, AckTokens ackTokens) {
        this.mailer = mailer;
        this.renderer = renderer;
        this.ackTokens = ackTokens;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        String host = URI.create(config.publicUrl()).getHost();
        this.domain = host == null || host.isBlank() ? "klaxon.localhost" : host;
    }

    @Override
    public ContactType contactType() {
        return ContactType.EMAIL;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        if (d.request() == null) {
            // a bundle of pages: its text as it is
            String messageId = "<" + d.id() + "@" + domain + ">";
            return mailer.send(Mail.withText(d.address(), d.subject(), d.body()).addHeader("Message-ID", messageId))
                    .replaceWith(SendResult.delivered(messageId)).onFailure().recoverWithItem(EmailSender::result);
        }
        // a page that still wants an answer carries a signed acknowledge link for the person it was sent to
        boolean wantsAnswer = d.kind() == NotificationKind.TRIGGERED || d.kind() == NotificationKind.ESCALATED;
        String ackUrl = wantsAnswer ? publicUrl + "/ack/" + ackTokens.issue(d.incidentId(), d.incidentNumber(),
                d.recipientName()) : null;
        RenderedMessage message = renderer.render(d.request(), ackUrl);
        String text = ackUrl == null ? d.body() : d.body().stripTrailing() + "\n\nACKNOWLEDGE: " + ackUrl + "\n";
        String messageId = "<" + d.id() + "@" + domain + ">";
        String thread = "<incident-" + d.incidentId() + "@" + domain + ">";
        Mail mail = Mail.withText(d.address(), d.subject(), text).setHtml(message.html())
                .addHeader("Message-ID", messageId)
                .addHeader("References", thread)
                .addHeader("X-Klaxon-Incident", d.request().incident().reference());
        return mailer.send(mail).replaceWith(SendResult.delivered(messageId))
                .onFailure().recoverWithItem(EmailSender::result);
    }

    /** A 5xx SMTP reply refuses the message for good; anything else (4xx, no connection) may pass later. */
    static SendResult result(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SMTPException smtp) {
                String reply = "SMTP " + smtp.getReplyCode() + ": " + ProviderHttp.abbreviate(smtp.getReplyMessage());
                return smtp.isPermanent() ? SendResult.failed(reply) : SendResult.retry(reply, null);
            }
        }
        return SendResult.retry("SMTP unreachable: " + (failure.getMessage() == null
                ? failure.getClass().getSimpleName() : ProviderHttp.abbreviate(failure.getMessage())), null);
    }
}
