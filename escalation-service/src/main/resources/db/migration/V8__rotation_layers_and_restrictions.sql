-- Rotations that do not simply take turns around the clock (what PagerDuty, Grafana OnCall and Opsgenie schedules
-- hold): a layer (while a higher layer has someone on call, lower layers have nobody), restrictions (the windows in
-- which the participant is on call, in the schedule's zone: [{"days":["MONDAY"],"startTime":"09:00","durationMinutes":480}])
-- and an active period. Existing rotations keep layer 0, no restrictions and no bounds: they behave as before.
ALTER TABLE rotation
    ADD COLUMN layer        INT NOT NULL DEFAULT 0,
    ADD COLUMN restrictions JSONB,
    ADD COLUMN active_from  TIMESTAMPTZ,
    ADD COLUMN active_until TIMESTAMPTZ,
    ADD CONSTRAINT rotation_active_period CHECK (active_until IS NULL OR active_from IS NULL OR active_until > active_from);
