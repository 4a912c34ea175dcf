-- Where an integration came from when it was imported from another on-call tool ("pagerduty:integration:PXYZ123"),
-- so that importing again updates it instead of creating a second one. Optional, and unique where set.
ALTER TABLE integration ADD COLUMN external_ref TEXT;
CREATE UNIQUE INDEX integration_external_ref ON integration (external_ref) WHERE external_ref IS NOT NULL;
