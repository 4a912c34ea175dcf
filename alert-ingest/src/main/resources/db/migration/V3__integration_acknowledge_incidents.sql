-- Whether an acknowledgement the sender reports (PagerDuty Events API acknowledge, Better Stack acknowledged)
-- acknowledges the incident. On for every integration, as in PagerDuty.
ALTER TABLE integration ADD COLUMN acknowledge_incidents BOOLEAN NOT NULL DEFAULT TRUE;
