package dev.klaxon.notifier.response.rest;

import java.util.Map;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.notifier.config.ProvidersConfig;
import dev.klaxon.notifier.delivery.repository.DeliveryRepository;
import dev.klaxon.notifier.response.Signatures;
import dev.klaxon.notifier.response.SmsReply;
import dev.klaxon.notifier.response.service.ResponseCommands;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Twilio's incoming-message webhook: a reply such as {@code 42A} from a number that was paged about INC-42
 * acknowledges it ({@code 42R} resolves). {@code X-Twilio-Signature} is verified against the public URL
 * ({@code KLAXON_PUBLIC_URL}/sms/inbound) and the auth token; forgeries get a 401. The answer is TwiML, so Twilio
 * texts the person back.
 */
@Path("/sms/inbound")
public class SmsInboundResource {

    private final ProvidersConfig providers;
    private final DeliveryRepository deliveries;
    private final ResponseCommands commands;

    public SmsInboundResource(ProvidersConfig providers, DeliveryRepository deliveries, ResponseCommands commands) {
        this.providers = providers;
        this.deliveries = deliveries;
        this.commands = commands;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_XML)
    public Uni<String> inbound(@HeaderParam("X-Twilio-Signature") String signature, String body) {
        Map<String, String> params = Forms.parse(body);
        String url = providers.publicUrl().replaceAll("/+$", "") + "/sms/inbound";
        if (!Signatures.twilioValid(providers.twilio().authToken().filter(t -> !t.isBlank()).orElse(null), url,
                params, signature)) {
            throw ProblemException.unauthorized("Twilio request signature is missing or wrong");
        }
        String from = params.get("From");
        if (from == null || from.isBlank()) {
            throw ProblemException.badRequest("From", "is required");
        }
        var reply = SmsReply.parse(params.get("Body"));
        if (reply.isEmpty()) {
            return Uni.createFrom().item(twiml("Klaxon did not understand that. Reply with the code from the page, "
                    + "such as 42A to acknowledge INC-42 or 42R to resolve it."));
        }
        SmsReply r = reply.get();
        return deliveries.latestTo(ContactType.SMS, from, r.incidentNumber()).flatMap(d -> {
            if (d == null) {
                return Uni.createFrom().item(twiml("No page about INC-" + r.incidentNumber()
                        + " was sent to this number, so Klaxon cannot take that reply from it."));
            }
            String actor = d.recipientName() == null ? from : d.recipientName();
            return commands.send(r.action(), d.incidentId(), d.incidentNumber(), actor, "sms",
                    new ContactMethod(ContactType.SMS, from, 0))
                    .map(x -> twiml(ResponseCommands.confirmation(r.action(), "INC-" + d.incidentNumber())));
        });
    }

    private static String twiml(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + Forms.xml(message)
                + "</Message></Response>";
    }
}
