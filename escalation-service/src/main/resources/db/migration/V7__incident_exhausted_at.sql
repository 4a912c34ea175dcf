-- When the current walk of an incident's escalation ladder ran out of steps: ESCALATION_EXHAUSTED is recorded once
-- and no timer stays armed that could only record it again. NULL while a step remains; a reassignment (or another
-- step, should the policy gain one) carries the walk on and clears it.
ALTER TABLE incident ADD COLUMN exhausted_at TIMESTAMPTZ;

-- Open incidents whose ladder already ran out since their last reassignment: their resolve timer only wrote the same
-- entry again every resolve-within, so it stops.
UPDATE incident i SET exhausted_at = x.at, ack_deadline_at = NULL, resolve_deadline_at = NULL
FROM (SELECT t.incident_id, min(t.at) AS at
      FROM incident_timeline t
      WHERE t.type = 'ESCALATION_EXHAUSTED'
        AND NOT EXISTS (SELECT 1 FROM incident_timeline later
                        WHERE later.incident_id = t.incident_id AND later.id > t.id
                          AND later.type IN ('REASSIGNED', 'ESCALATED'))
      GROUP BY t.incident_id) x
WHERE i.id = x.incident_id AND i.status <> 'RESOLVED';
