package dev.klaxon.importer.apply;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.klaxon.importer.klaxon.Klaxon;
import dev.klaxon.importer.klaxon.KlaxonState;
import dev.klaxon.importer.klaxon.KlaxonTypes;
import dev.klaxon.importer.plan.Plan;
import dev.klaxon.importer.plan.Plan.Action;
import dev.klaxon.importer.plan.Plan.Item;
import dev.klaxon.importer.plan.Specs;
import dev.klaxon.importer.source.SourceException;

/**
 * Carries a plan out through Klaxon's admin APIs, object by object in the plan's order. Every object is written with
 * its external reference in the same request that creates it, so after a failure midway what was written is whole
 * and a second run finds it and carries on from there.
 */
public final class Applier {

    /** What was done: counts, Klaxon ids by reference, and the integrations' new addresses. */
    public record Result(int created, int updated, int unchanged, Map<String, UUID> ids, List<String> senders) {
    }

    /** Applying stopped at an object; the message says which and how to carry on. */
    public static final class ApplyException extends RuntimeException {
        public ApplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final Klaxon klaxon;
    private final KlaxonState before;
    private final Consumer<String> progress;

    public Applier(Klaxon klaxon, KlaxonState before, Consumer<String> progress) {
        this.klaxon = klaxon;
        this.before = before;
        this.progress = progress;
    }

    public Result apply(Plan plan) {
        Map<String, UUID> ids = new HashMap<>(plan.knownIds());
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int done = 0;
        long writes = plan.items().stream().filter(Item::writes).count();
        List<String> senders = new ArrayList<>();
        for (Item item : plan.items()) {
            if (item.kind() == Plan.Kind.INTEGRATION) {
                try {
                    senders.add(integration(item, ids));
                } catch (SourceException e) {
                    throw stopped(item, done, writes, e);
                }
                if (item.action() == Action.CREATE) {
                    created++;
                    done++;
                } else if (item.action() == Action.UPDATE) {
                    updated++;
                    done++;
                } else {
                    unchanged++;
                }
                continue;
            }
            if (!item.writes()) {
                unchanged++;
                continue;
            }
            try {
                switch (item.kind()) {
                    case PERSON -> person(item, ids);
                    case TEAM -> team(item, ids);
                    case SCHEDULE -> schedule(item, ids);
                    case POLICY -> policy(item, ids);
                    default -> throw new IllegalStateException(item.kind().name());
                }
            } catch (SourceException | IllegalStateException e) {
                throw stopped(item, done, writes, e);
            }
            done++;
            if (item.action() == Action.CREATE) {
                created++;
            } else {
                updated++;
            }
            progress.accept("  " + (item.action() == Action.CREATE ? "created " : "updated ")
                    + item.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + item.label());
        }
        return new Result(created, updated, unchanged, ids, senders);
    }

    private static ApplyException stopped(Item item, int done, long writes, RuntimeException e) {
        return new ApplyException("stopped at " + item.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                + item.label() + " (" + item.ref() + "): " + e.getMessage() + "\n" + done + " of " + writes
                + " changes were applied, each whole and remembered with its source id: run the same command again "
                + "to carry on from here", e);
    }

    private static UUID id(Map<String, UUID> ids, String ref) {
        UUID id = ids.get(ref);
        if (id == null) {
            throw new IllegalStateException("nothing in Klaxon is known as " + ref);
        }
        return id;
    }

    private void person(Item item, Map<String, UUID> ids) {
        Specs.Person p = (Specs.Person) item.spec();
        KlaxonTypes.User current = item.klaxonId() == null ? null
                : before.users().stream().filter(u -> u.id().equals(item.klaxonId())).findFirst().orElse(null);
        List<KlaxonTypes.Rule> rules = p.notificationRules() != null
                ? p.notificationRules().stream().map(r -> new KlaxonTypes.Rule(r.contactType(), r.delayMinutes()))
                        .toList()
                : current == null ? null : current.notificationRules();
        KlaxonTypes.User body = new KlaxonTypes.User(null, p.name(), or(p.email(), current, KlaxonTypes.User::email),
                or(p.phone(), current, KlaxonTypes.User::phone),
                or(p.slackUserId(), current, KlaxonTypes.User::slackUserId),
                or(p.timeZone(), current, KlaxonTypes.User::timeZone), or(p.role(), current, KlaxonTypes.User::role),
                current == null ? null : current.webhookUrl(), rules, p.ref());
        KlaxonTypes.User saved = item.klaxonId() == null
                ? klaxon.http().call("POST /api/v1/users", () -> klaxon.escalation().createUser(body))
                : klaxon.http().call("PUT /api/v1/users/" + item.klaxonId(),
                        () -> klaxon.escalation().updateUser(item.klaxonId(), body));
        ids.put(p.ref(), saved.id());
    }

    private static <T> String or(String wanted, T current, java.util.function.Function<T, String> field) {
        return wanted != null ? wanted : current == null ? null : field.apply(current);
    }

    private void team(Item item, Map<String, UUID> ids) {
        Specs.Team t = (Specs.Team) item.spec();
        KlaxonTypes.Team current = item.klaxonId() == null ? null
                : before.teams().stream().filter(x -> x.id().equals(item.klaxonId())).findFirst().orElse(null);
        KlaxonTypes.Team body = new KlaxonTypes.Team(null, t.name(), t.description() != null ? t.description()
                : current == null ? null : current.description(),
                t.memberRefs().stream().map(r -> id(ids, r)).toList(), t.ref());
        KlaxonTypes.Team saved = item.klaxonId() == null
                ? klaxon.http().call("POST /api/v1/teams", () -> klaxon.escalation().createTeam(body))
                : klaxon.http().call("PUT /api/v1/teams/" + item.klaxonId(),
                        () -> klaxon.escalation().updateTeam(item.klaxonId(), body));
        ids.put(t.ref(), saved.id());
    }

    private void schedule(Item item, Map<String, UUID> ids) {
        Specs.Schedule s = (Specs.Schedule) item.spec();
        UUID id = item.klaxonId();
        if (item.action() != Action.UNCHANGED) {
            List<KlaxonTypes.Rotation> rotations = new ArrayList<>();
            for (Specs.Rotation r : s.rotations()) {
                rotations.add(new KlaxonTypes.Rotation(r.name(), r.type(), r.shiftLength(), LOCAL.format(r.start()),
                        r.participantRefs().stream().map(ref -> id(ids, ref)).toList(), r.layer(),
                        r.restrictions().stream().map(x -> new KlaxonTypes.Restriction(x.days().stream()
                                .map(Enum::name).toList(), x.startTime().toString(), x.durationMinutes())).toList(),
                        r.activeFrom(), r.activeUntil()));
            }
            KlaxonTypes.Schedule body = new KlaxonTypes.Schedule(null, s.name(), s.timeZone(), rotations, null,
                    s.ref());
            KlaxonTypes.Schedule saved = id == null
                    ? klaxon.http().call("POST /api/v1/schedules", () -> klaxon.escalation().createSchedule(body))
                    : klaxon.http().call("PUT /api/v1/schedules/" + id,
                            () -> klaxon.escalation().updateSchedule(item.klaxonId(), body));
            id = saved.id();
            ids.put(s.ref(), id);
        }
        UUID schedule = id;
        for (UUID gone : item.overridesToDelete()) {
            klaxon.http().call("DELETE /api/v1/schedules/" + schedule + "/overrides/" + gone, () -> {
                klaxon.escalation().deleteOverride(schedule, gone);
                return null;
            });
        }
        for (Specs.Override o : item.overridesToAdd()) {
            KlaxonTypes.Override body = new KlaxonTypes.Override(null, id(ids, o.personRef()), o.start(), o.end());
            klaxon.http().call("POST /api/v1/schedules/" + schedule + "/overrides",
                    () -> klaxon.escalation().addOverride(schedule, body));
        }
    }

    private void policy(Item item, Map<String, UUID> ids) {
        Specs.Policy p = (Specs.Policy) item.spec();
        KlaxonTypes.Policy current = item.klaxonId() == null ? null
                : before.policies().stream().filter(x -> x.id().equals(item.klaxonId())).findFirst().orElse(null);
        List<KlaxonTypes.Step> steps = p.steps().stream().map(s -> new KlaxonTypes.Step(s.timeoutSeconds(),
                s.targets().stream().map(t -> new KlaxonTypes.Target(t.type(), id(ids, t.ref()))).toList())).toList();
        KlaxonTypes.Policy body = new KlaxonTypes.Policy(null, p.name(),
                current != null && Boolean.TRUE.equals(current.isDefault()), p.repeat(), steps, p.ref());
        KlaxonTypes.Policy saved = item.klaxonId() == null
                ? klaxon.http().call("POST /api/v1/escalation-policies", () -> klaxon.escalation().createPolicy(body))
                : klaxon.http().call("PUT /api/v1/escalation-policies/" + item.klaxonId(),
                        () -> klaxon.escalation().updatePolicy(item.klaxonId(), body));
        ids.put(p.ref(), saved.id());
    }

    /** Creates or updates the integration and says where its sender must now post. */
    private String integration(Item item, Map<String, UUID> ids) {
        Specs.Integration i = (Specs.Integration) item.spec();
        KlaxonTypes.Integration saved;
        String keyNote = "";
        if (item.action() == Action.CREATE) {
            try {
                saved = klaxon.http().call("POST /api/v1/integrations", () -> klaxon.ingest()
                        .create(new KlaxonTypes.NewIntegration(i.name(), i.sourceType(), i.service(), i.key(),
                                i.ref())));
                keyNote = i.key() == null ? "" : ", key unchanged";
            } catch (SourceException e) {
                if (i.key() == null || !(e.getMessage().contains(" 409") || e.getMessage().contains(" 400"))) {
                    throw e;
                }
                // the sender's key is taken in Klaxon or not one Klaxon accepts: a new key, and the sender changes it
                saved = klaxon.http().call("POST /api/v1/integrations", () -> klaxon.ingest()
                        .create(new KlaxonTypes.NewIntegration(i.name(), i.sourceType(), i.service(), null,
                                i.ref())));
                keyNote = ", NEW key (the old one is taken in Klaxon or not usable there): " + saved.key();
            }
            progress.accept("  created integration " + item.label());
        } else {
            KlaxonTypes.Integration current = before.integrations().stream()
                    .filter(x -> x.id().equals(item.klaxonId())).findFirst().orElseThrow();
            saved = item.action() == Action.UPDATE
                    ? klaxon.http().call("PUT /api/v1/integrations/" + item.klaxonId(), () -> klaxon.ingest()
                            .update(item.klaxonId(), new KlaxonTypes.IntegrationChange(i.name(), i.service(),
                                    current.enabled(), i.ref())))
                    : current;
            if (item.action() == Action.UPDATE) {
                progress.accept("  updated integration " + item.label());
            }
            keyNote = i.key() != null && i.key().equals(saved.key()) ? ", key unchanged" : "";
        }
        ids.put(i.ref(), saved.id());
        return i.name() + ": " + ("pagerduty".equals(saved.sourceType()) ? "POST " + saved.webhookUrl()
                + " (routing key " + saved.key() + keyNote + ")" : "POST " + saved.webhookUrl() + keyNote)
                + (i.senderHint() == null ? "" : "; " + i.senderHint());
    }
}
