package dev.klaxon.importer;

import dev.klaxon.importer.grafana.GrafanaOnCallCommand;
import dev.klaxon.importer.opsgenie.OpsgenieCommand;
import dev.klaxon.importer.pagerduty.PagerDutyCommand;
import picocli.CommandLine.Command;

/** {@code ./klaxon import pagerduty|grafana-oncall|opsgenie}: move people, schedules and policies into Klaxon. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Moves people, teams, schedules, escalation policies and integrations from PagerDuty, Grafana "
                + "OnCall or Opsgenie into Klaxon: prints the plan, applies it (unless --dry-run) through Klaxon's "
                + "admin APIs, then checks who is on call against the source over the next weeks.",
        subcommands = { PagerDutyCommand.class, GrafanaOnCallCommand.class, OpsgenieCommand.class })
public class ImportCommand {
}
