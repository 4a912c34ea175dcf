package dev.klaxon.notifier.template.rest;

import java.util.List;

import dev.klaxon.events.NotificationKind;
import dev.klaxon.kit.rest.ProblemException;
import dev.klaxon.kit.rest.QueryParams;
import dev.klaxon.kit.rest.Roles;
import dev.klaxon.notifier.message.MessageRenderer;
import dev.klaxon.notifier.message.RenderedMessage;
import dev.klaxon.notifier.template.TemplateBook;
import dev.klaxon.notifier.template.TemplateView;
import dev.klaxon.notifier.template.repository.TemplateRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Admin API for the notification templates (Qute): read the shipped ones, override one (validated on save: it must
 * parse and render every kind of notification of a sample incident), go back to the shipped one, and preview.
 */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    /** A template as sent. */
    public record TemplateInput(
            @NotBlank(message = "is required") @Size(max = 65_536, message = "must be at most 64 KiB") String body) {
    }

    private final TemplateRepository repository;
    private final TemplateBook book;
    private final MessageRenderer renderer;
    private final SecurityIdentity identity;

    public TemplateResource(TemplateRepository repository, TemplateBook book, MessageRenderer renderer,
            SecurityIdentity identity) {
        this.repository = repository;
        this.book = book;
        this.renderer = renderer;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<List<TemplateView>> list() {
        return repository.all().map(all -> MessageRenderer.NAMES.stream().map(name -> {
            var o = all.get(name);
            return new TemplateView(name, renderer.defaultSource(name), o == null ? null : o.body(),
                    o == null ? null : o.updatedBy(), o == null ? null : o.updatedAt(), o != null);
        }).toList());
    }

    @GET
    @Path("{name}")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public Uni<TemplateView> get(@PathParam("name") String name) {
        known(name);
        return list().map(all -> all.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow());
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<TemplateView> save(@PathParam("name") String name, @Valid @NotNull TemplateInput body) {
        known(name);
        renderer.validate(name, body.body()).ifPresent(problem -> {
            throw ProblemException.badRequest("body", "is not a usable template: " + problem);
        });
        return repository.save(name, body.body(), identity.getPrincipal().getName()).call(book::reload)
                .flatMap(x -> get(name));
    }

    /** Goes back to the shipped template. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> reset(@PathParam("name") String name) {
        known(name);
        return repository.delete(name).call(book::reload).map(x -> Response.noContent().build());
    }

    /** A sample incident's notification of a kind (default TRIGGERED), rendered with the templates in use. */
    @GET
    @Path("preview")
    @RolesAllowed({ Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER })
    public RenderedMessage preview(@QueryParam("kind") String kind) {
        NotificationKind k = QueryParams.enumValue(NotificationKind.class, kind, "kind");
        return renderer.preview(k == null ? NotificationKind.TRIGGERED : k);
    }

    private static void known(String name) {
        if (!MessageRenderer.NAMES.contains(name)) {
            throw ProblemException.notFound("Template " + name + " (templates are " + MessageRenderer.NAMES + ")");
        }
    }
}
