-- Silences: firing alerts whose labels match every matcher between starts_at and ends_at are recorded as
-- suppressed and page nobody. Expiring a silence sets ends_at; rows are never deleted, so history stays visible.
CREATE TABLE silence (
    id         UUID PRIMARY KEY,
    matchers   JSONB       NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    comment    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX silence_ends ON silence (ends_at);

-- Maintenance windows: a service's planned work; its firing alerts are recorded as suppressed while one is on.
CREATE TABLE maintenance_window (
    id         UUID PRIMARY KEY,
    service    TEXT        NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_window_ends ON maintenance_window (ends_at);

-- Groups now come in three kinds: one alert (ALERT), alerts grouped by label values (GROUP) and an alert storm
-- of one service (STORM). Members are keyed by the alert's own key (integration:dedup key), so an alert is found
-- in whatever group it joined.
ALTER TABLE alert_group ADD COLUMN kind TEXT NOT NULL DEFAULT 'ALERT';
ALTER TABLE alert_group ADD COLUMN auto_resolve BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE alert_group ADD COLUMN opened_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX alert_group_service_opened ON alert_group (service, opened_at DESC);

ALTER TABLE alert_group_member RENAME COLUMN dedup_key TO alert_key;
UPDATE alert_group_member m SET alert_key = g.group_key FROM alert_group g WHERE g.id = m.group_id;
CREATE INDEX alert_group_member_key ON alert_group_member (alert_key);

ALTER TABLE alert_log ADD COLUMN muted_by TEXT;
CREATE INDEX alert_log_dedup ON alert_log (dedup_key, received_at DESC);
