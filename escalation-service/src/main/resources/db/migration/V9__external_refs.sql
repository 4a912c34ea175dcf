-- Where a person, team, schedule or escalation policy came from when it was imported from another on-call tool
-- ("pagerduty:user:PXYZ123"), so that importing again updates it instead of creating a second one. Optional, and
-- unique where set.
ALTER TABLE app_user ADD COLUMN external_ref TEXT;
ALTER TABLE team ADD COLUMN external_ref TEXT;
ALTER TABLE schedule ADD COLUMN external_ref TEXT;
ALTER TABLE escalation_policy ADD COLUMN external_ref TEXT;
CREATE UNIQUE INDEX app_user_external_ref ON app_user (external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX team_external_ref ON team (external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX schedule_external_ref ON schedule (external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX escalation_policy_external_ref ON escalation_policy (external_ref) WHERE external_ref IS NOT NULL;
