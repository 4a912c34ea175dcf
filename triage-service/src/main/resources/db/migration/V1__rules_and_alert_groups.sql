-- Ordered triage rules; the first enabled match decides. Conditions and actions are JSON documents validated by
-- the service before they are stored.
CREATE TABLE rule (
    id         UUID PRIMARY KEY,
    position   INT         NOT NULL,
    name       TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT TRUE,
    conditions JSONB       NOT NULL DEFAULT '{}',
    actions    JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rule_position ON rule (position);

-- An alert group is one problem: the alerts that make up one incident. One open group per group key, enforced
-- here so that replicas never open two incidents for one dedup key.
CREATE TABLE alert_group (
    id                UUID PRIMARY KEY,
    group_key         TEXT        NOT NULL,
    incident_key      TEXT        NOT NULL UNIQUE,
    integration_id    TEXT,
    service           TEXT,
    source_type       TEXT,
    title             TEXT        NOT NULL,
    severity          TEXT        NOT NULL,
    escalation_policy TEXT,
    open              BOOLEAN     NOT NULL DEFAULT TRUE,
    alert_count       INT         NOT NULL DEFAULT 1,
    first_seen        TIMESTAMPTZ NOT NULL,
    last_seen         TIMESTAMPTZ NOT NULL,
    resolved_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX alert_group_one_open ON alert_group (group_key) WHERE open;

CREATE TABLE alert_group_member (
    group_id  UUID        NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    dedup_key TEXT        NOT NULL,
    status    TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, dedup_key)
);

-- Every alert triage saw and what it decided, suppressed ones included, so nothing is dropped unseen.
CREATE TABLE alert_log (
    id             BIGSERIAL PRIMARY KEY,
    event_id       UUID        NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    integration_id TEXT,
    service        TEXT,
    dedup_key      TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    title          TEXT,
    severity       TEXT,
    rule_id        UUID,
    reason         TEXT,
    suppressed     BOOLEAN     NOT NULL,
    group_id       UUID,
    outcome        TEXT        NOT NULL
);
CREATE INDEX alert_log_received ON alert_log (received_at DESC);
