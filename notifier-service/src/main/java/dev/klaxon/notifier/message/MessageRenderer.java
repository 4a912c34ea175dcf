package dev.klaxon.notifier.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.klaxon.events.IncidentSummary;
import dev.klaxon.events.NotificationKind;
import dev.klaxon.events.NotificationRequested;
import dev.klaxon.events.Severity;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders a notification with the runbooks' communication templates ({@code templates/notification/}): INCIDENT /
 * SEVERITY / STATUS / IMPACT / STARTED / NEXT UPDATE when paging, the status UPDATE, and RESOLVED with DURATION;
 * the same as HTML for email, and one SMS segment. Pure: it reads nothing but the request, so plain unit tests
 * cover every template. Created at start-up, so templates are read from the classpath off the event loop.
 */
@ApplicationScoped
@Startup
public class MessageRenderer {

    /** One SMS segment in the GSM alphabet. */
    public static final int SMS_SEPTETS = 160;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** A template line "LABEL: value", shown as a table row in HTML. */
    private static final Pattern LABELLED = Pattern.compile("^([A-Z][A-Z -]*[A-Z]): (.*)$");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    /** The templates people may override, by name, as they ship. */
    public static final List<String> NAMES = List.of("subject.txt", "page.txt", "update.txt", "resolved.txt",
            "sms.txt", "email.html");

    private final Engine engine;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final AtomicReference<Map<String, Template>> active = new AtomicReference<>();

    public MessageRenderer() {
        engine = Engine.builder().addDefaults()
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .strictRendering(true)
                .build();
        Map<String, Template> shipped = new HashMap<>();
        for (String name : NAMES) {
            defaults.put(name, read(name));
            shipped.put(name, parse(name, defaults.get(name)));
        }
        active.set(Map.copyOf(shipped));
    }

    /** The shipped source of a template. */
    public String defaultSource(String name) {
        return defaults.get(name);
    }

    /** Uses these overrides (name → source) in place of the shipped templates; the others go back to shipped. */
    public void apply(Map<String, String> overrides) {
        Map<String, Template> next = new HashMap<>();
        for (String name : NAMES) {
            String source = overrides.get(name);
            Template t = null;
            if (source != null) {
                try {
                    t = parse(name, source);
                } catch (RuntimeException e) {
                    t = null; // validated on save; a broken one from elsewhere falls back to the shipped template
                }
            }
            next.put(name, t != null ? t : parse(name, defaults.get(name)));
        }
        active.set(Map.copyOf(next));
    }

    /**
     * Checks a template source: it must parse, and render every kind of notification of a sample incident with
     * strict rendering (an unknown name is an error).
     *
     * @return what is wrong, if anything
     */
    public Optional<String> validate(String name, String source) {
        try {
            Template t = parse(name, source);
            for (NotificationKind kind : NotificationKind.values()) {
                Map<String, Object> data = data(Samples.request(kind));
                data.put("ackUrl", "https://klaxon.example/ack/token");
                if (name.equals("email.html")) {
                    data.put("subject", "[P1] INC-42 Database unreachable");
                    data.put("rows", List.of(Map.of("label", "SEVERITY", "value", "P1 (critical)")));
                }
                render(t, data);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(message.length() > 500 ? message.substring(0, 500) + "…" : message);
        }
    }

    /** A sample notification rendered with the templates in use now, to preview a change. */
    public RenderedMessage preview(NotificationKind kind) {
        return render(Samples.request(kind), "https://klaxon.example/ack/token");
    }

    private Template t(String name) {
        return active.get().get(name);
    }

    /** Every form of the notification. */
    public RenderedMessage render(NotificationRequested n) {
        return render(n, null);
    }

    /** Every form of the notification, the HTML email with an acknowledge button to {@code ackUrl} when given. */
    public RenderedMessage render(NotificationRequested n, String ackUrl) {
        return render(n, ackUrl, true, true);
    }

    /**
     * What a delivery keeps of the notification: subject, status and plain text, and the SMS text when asked for;
     * no HTML (an email is rendered when it is sent, with its own acknowledge link), so {@code html} is null, and
     * {@code sms} too unless asked for.
     */
    public RenderedMessage renderPlain(NotificationRequested n, boolean withSms) {
        return render(n, null, false, withSms);
    }

    private RenderedMessage render(NotificationRequested n, String ackUrl, boolean withHtml, boolean withSms) {
        Map<String, Object> data = data(n);
        data.put("ackUrl", ackUrl);
        String subjectLine = render(t("subject.txt"), data).strip();
        String text = render(t(switch (n.kind()) {
            case RESOLVED -> "resolved.txt";
            case UPDATE -> "update.txt";
            default -> "page.txt";
        }), data);
        return new RenderedMessage(subjectLine, (String) data.get("status"), text,
                withHtml ? html(subjectLine, text, data) : null, withSms ? sms(data) : null);
    }

    /** The incident's state in the runbooks' words ("Investigating", "Acknowledged by Olivia", "Resolved"). */
    public static String status(NotificationRequested n) {
        return status(n.kind(), n.incident().status(), blankToNull(oneLine(n.incident().acknowledgedBy())));
    }

    /** "P1 (critical)". */
    public static String severity(Severity s) {
        return s.name() + " (" + s.label() + ")";
    }

    /** How often the runbooks promise a status update: every 15 min for P1, 30 min for P2, hourly otherwise. */
    public static Duration updateEvery(Severity s) {
        return switch (s) {
            case P1 -> Duration.ofMinutes(15);
            case P2 -> Duration.ofMinutes(30);
            default -> Duration.ofHours(1);
        };
    }

    /**
     * The next slot of the update cadence after the notification: started + 15 min for a fresh P1, and for a later
     * notification the first slot (started + k × interval) still ahead.
     */
    static Instant nextUpdate(IncidentSummary i, Instant at) {
        long every = updateEvery(i.severity()).toSeconds();
        long elapsed = Math.max(0, Duration.between(i.startedAt(), at).toSeconds());
        return i.startedAt().plusSeconds((elapsed / every + 1) * every);
    }

    private Map<String, Object> data(NotificationRequested n) {
        IncidentSummary i = n.incident();
        Instant at = n.requestedAt() != null ? n.requestedAt() : i.startedAt();
        Instant end = i.resolvedAt() != null ? i.resolvedAt() : at;
        String description = blankToNull(oneLine(i.description()));
        String acknowledgedBy = blankToNull(oneLine(i.acknowledgedBy()));
        Map<String, Object> m = new HashMap<>();
        m.put("kind", n.kind().name());
        m.put("title", oneLine(i.title()));
        m.put("reference", i.reference());
        m.put("number", Long.toString(i.number()));
        m.put("severity", i.severity().name());
        m.put("severityLabel", severity(i.severity()));
        m.put("service", blankToNull(oneLine(i.service())));
        m.put("status", status(n.kind(), i.status(), acknowledgedBy));
        m.put("impact", description != null ? description : n.kind() == NotificationKind.RESOLVED ? "Not recorded"
                : "Being assessed");
        m.put("details", description != null ? description : "No new details");
        m.put("started", UTC.format(i.startedAt()));
        m.put("ended", UTC.format(end));
        m.put("duration", minutes(i.startedAt(), end));
        m.put("nextUpdate", UTC.format(nextUpdate(i, at)));
        m.put("escalated", n.kind() == NotificationKind.ESCALATED);
        m.put("step", Integer.toString(i.escalationStep() + 1));
        m.put("acknowledgedBy", acknowledgedBy);
        m.put("postMortem", i.severity() == Severity.P1 || i.severity() == Severity.P2);
        List<Map<String, String>> links = new ArrayList<>();
        i.links().stream().filter(l -> l.href() != null && !l.href().isBlank()).forEach(l -> links.add(Map.of(
                "href", l.href(), "text", oneLine(firstNonBlank(l.text(), l.rel(), l.href())))));
        m.put("links", links);
        return m;
    }

    /** The incident's state in the runbooks' words. */
    private static String status(NotificationKind kind, String incidentStatus, String acknowledgedBy) {
        String state = kind == NotificationKind.UPDATE && incidentStatus != null
                ? incidentStatus.toUpperCase(Locale.ROOT) : kind.name();
        return switch (state) {
            case "RESOLVED" -> "Resolved";
            case "ACKNOWLEDGED" -> acknowledgedBy == null ? "Acknowledged" : "Acknowledged by " + acknowledgedBy;
            case "IDENTIFIED" -> "Identified";
            case "MONITORING" -> "Monitoring";
            default -> "Investigating";
        };
    }

    private String html(String subjectLine, String text, Map<String, Object> data) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher labelled = LABELLED.matcher(line);
            if (!labelled.matches()) {
                rows.add(Map.of("label", "", "value", line));
            } else if (!labelled.group(1).equals("LINK")) {
                rows.add(Map.of("label", labelled.group(1), "value", labelled.group(2)));
            }
        }
        Map<String, Object> m = new HashMap<>(data);
        m.put("subject", subjectLine);
        m.put("rows", rows);
        return render(t("email.html"), m);
    }

    /** One segment: the whole message folded into the GSM alphabet, the title shortened to make room. */
    private String sms(Map<String, Object> data) {
        Map<String, Object> m = new HashMap<>(data);
        m.replaceAll((k, v) -> v instanceof String s ? Gsm7.fold(s) : v);
        for (String longest : List.of("service", "acknowledgedBy")) {
            if (m.get(longest) instanceof String s && s.length() > 30) {
                m.put(longest, Gsm7.truncate(s, 30));
            }
        }
        String title = (String) m.get("title");
        m.put("title", "");
        int room = SMS_SEPTETS - Gsm7.septets(render(t("sms.txt"), m).strip());
        m.put("title", Gsm7.truncate(title, Math.max(0, room)));
        return Gsm7.truncate(render(t("sms.txt"), m).strip(), SMS_SEPTETS);
    }

    private static String render(Template template, Map<String, Object> data) {
        return template.data(data).render();
    }

    private Template parse(String name, String source) {
        Variant variant = new Variant(Locale.ROOT, StandardCharsets.UTF_8,
                name.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN);
        return engine.parse(source, variant, "templates/notification/" + name);
    }

    private static String read(String name) {
        String path = "templates/notification/" + name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : MessageRenderer.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String minutes(Instant start, Instant end) {
        long m = Math.max(0, Duration.between(start, end).toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    /** Titles and names come from alert senders: a line break in them must not start a template line of its own. */
    private static String oneLine(String s) {
        return s == null ? "" : LINE_BREAKS.matcher(s).replaceAll(" ").strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
