-- The last requests of each integration (headers without secrets, body, outcome), so an operator can see why a
-- payload did or did not become an alert. Trimmed to the newest 50 per integration.
CREATE TABLE integration_request (
    id             BIGSERIAL PRIMARY KEY,
    integration_id UUID        NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    received_at    TIMESTAMPTZ NOT NULL,
    method         TEXT        NOT NULL,
    headers        JSONB       NOT NULL,
    body           TEXT        NOT NULL,
    body_truncated BOOLEAN     NOT NULL DEFAULT FALSE,
    status         INT         NOT NULL,
    outcome        TEXT        NOT NULL,
    alert_ids      TEXT[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX integration_request_newest ON integration_request (integration_id, id DESC);

-- A heartbeat monitor expects a ping at least every interval (plus grace); missing it raises an alert.
CREATE TABLE heartbeat_monitor (
    id               UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    service          TEXT        NOT NULL,
    heartbeat_key    TEXT        NOT NULL UNIQUE,
    interval_seconds INT         NOT NULL CHECK (interval_seconds > 0),
    grace_seconds    INT         NOT NULL DEFAULT 0 CHECK (grace_seconds >= 0),
    state            TEXT        NOT NULL DEFAULT 'WAITING' CHECK (state IN ('WAITING', 'UP', 'DOWN')),
    last_ping_at     TIMESTAMPTZ,
    -- when the monitor goes down if no ping arrives; null while waiting for the first ping
    due_at           TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX heartbeat_monitor_due ON heartbeat_monitor (due_at) WHERE state = 'UP';
