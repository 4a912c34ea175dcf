-- People who can be paged.
CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL,
    email         TEXT,
    phone         TEXT,
    slack_user_id TEXT,
    time_zone     TEXT        NOT NULL DEFAULT 'UTC',
    role          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A schedule answers "who is on call at t": the union of its rotations, with overrides taking precedence.
CREATE TABLE schedule (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    time_zone  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE rotation (
    id           UUID PRIMARY KEY,
    schedule_id  UUID      NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    position     INT       NOT NULL,
    name         TEXT      NOT NULL,
    type         TEXT      NOT NULL CHECK (type IN ('HOURLY', 'DAILY', 'WEEKLY')),
    shift_length INT       NOT NULL CHECK (shift_length > 0),
    -- the first hand-off, as a local date-time in the schedule's zone
    start_local  TIMESTAMP NOT NULL,
    participants UUID[]    NOT NULL
);

CREATE TABLE schedule_override (
    id          UUID PRIMARY KEY,
    schedule_id UUID        NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    user_id     UUID        NOT NULL REFERENCES app_user (id),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at)
);

CREATE TABLE escalation_policy (
    id           UUID PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE,
    is_default   BOOLEAN     NOT NULL DEFAULT FALSE,
    -- how many times the whole ladder is walked again after its last step
    repeat_count INT         NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX escalation_policy_one_default ON escalation_policy (is_default) WHERE is_default;

CREATE TABLE escalation_step (
    policy_id       UUID  NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE,
    position        INT   NOT NULL,
    -- null: the incident severity's acknowledge-within time from the runbooks
    timeout_seconds INT,
    targets         JSONB NOT NULL,
    PRIMARY KEY (policy_id, position)
);

CREATE TABLE incident (
    id                  UUID PRIMARY KEY,
    number              BIGSERIAL   NOT NULL UNIQUE,
    incident_key        TEXT        NOT NULL,
    title               TEXT        NOT NULL,
    description         TEXT,
    severity            TEXT        NOT NULL,
    service             TEXT,
    status              TEXT        NOT NULL CHECK (status IN ('TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    policy_id           UUID REFERENCES escalation_policy (id),
    step                INT         NOT NULL DEFAULT 0,
    cycle               INT         NOT NULL DEFAULT 0,
    alert_count         INT         NOT NULL DEFAULT 1,
    links               JSONB       NOT NULL DEFAULT '[]',
    created_at          TIMESTAMPTZ NOT NULL,
    acknowledged_at     TIMESTAMPTZ,
    acknowledged_by     TEXT,
    resolved_at         TIMESTAMPTZ,
    resolved_by         TEXT,
    -- durable timers: when the current step times out unacknowledged, and when "unresolved" escalates
    ack_deadline_at     TIMESTAMPTZ,
    resolve_deadline_at TIMESTAMPTZ
);
-- one open incident per key, enforced here rather than in memory
CREATE UNIQUE INDEX incident_open_key ON incident (incident_key) WHERE status <> 'RESOLVED';
CREATE INDEX incident_ack_due ON incident (ack_deadline_at) WHERE status = 'TRIGGERED';
CREATE INDEX incident_resolve_due ON incident (resolve_deadline_at) WHERE status <> 'RESOLVED';
CREATE INDEX incident_created ON incident (created_at DESC);

-- Append-only, typed history of an incident.
CREATE TABLE incident_timeline (
    id          BIGSERIAL PRIMARY KEY,
    incident_id UUID        NOT NULL REFERENCES incident (id),
    at          TIMESTAMPTZ NOT NULL,
    type        TEXT        NOT NULL,
    actor       TEXT,
    via         TEXT,
    user_id     UUID,
    message     TEXT        NOT NULL,
    detail      JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, id);
