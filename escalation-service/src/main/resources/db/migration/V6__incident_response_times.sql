-- Time to acknowledge and to resolve, against the response targets of the incident's severity, and whether each was
-- breached. The targets are kept with the incident so that changing the configuration does not rewrite history; a
-- breach flag stays NULL until its phase is judged (acknowledged, resolved).
ALTER TABLE incident
    ADD COLUMN acknowledge_target_seconds BIGINT,
    ADD COLUMN acknowledged_after_seconds BIGINT,
    ADD COLUMN acknowledge_breached       BOOLEAN,
    ADD COLUMN resolve_target_seconds     BIGINT,
    ADD COLUMN resolved_after_seconds     BIGINT,
    ADD COLUMN resolve_breached           BOOLEAN;

-- Incidents from before this migration are judged against the runbooks' default targets (P1 15 min / 30 min,
-- P2 1 h / 2 h, P3 4 h / 8 h, P4 24 h / none).
UPDATE incident SET
    acknowledge_target_seconds = CASE severity WHEN 'P1' THEN 900 WHEN 'P2' THEN 3600 WHEN 'P3' THEN 14400
                                               ELSE 86400 END,
    resolve_target_seconds     = CASE severity WHEN 'P1' THEN 1800 WHEN 'P2' THEN 7200 WHEN 'P3' THEN 28800 END;
UPDATE incident SET
    acknowledged_after_seconds = floor(extract(epoch FROM acknowledged_at - created_at)),
    acknowledge_breached       = acknowledged_at - created_at > acknowledge_target_seconds * interval '1 second'
WHERE acknowledged_at IS NOT NULL;
UPDATE incident SET
    resolved_after_seconds = floor(extract(epoch FROM resolved_at - created_at)),
    resolve_breached       = resolve_target_seconds IS NOT NULL
                             AND resolved_at - created_at > resolve_target_seconds * interval '1 second',
    acknowledge_breached   = coalesce(acknowledge_breached,
                                      resolved_at - created_at > acknowledge_target_seconds * interval '1 second')
WHERE resolved_at IS NOT NULL;

-- the list's breached=true filter
CREATE INDEX incident_breached ON incident (created_at DESC) WHERE acknowledge_breached OR resolve_breached;
