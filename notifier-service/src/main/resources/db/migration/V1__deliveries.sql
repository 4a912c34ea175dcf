-- The delivery log: one row per (notification, contact method), written before the provider is called and
-- completed after, so a notification consumed twice is sent once.
CREATE TABLE delivery (
    id                  UUID PRIMARY KEY,
    notification_id     UUID        NOT NULL,
    incident_id         UUID        NOT NULL,
    incident_number     BIGINT      NOT NULL,
    kind                TEXT        NOT NULL,
    recipient_id        TEXT,
    recipient_name      TEXT,
    channel             TEXT        NOT NULL CHECK (channel IN ('SLACK', 'EMAIL', 'SMS', 'WEBHOOK')),
    address             TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    due_at              TIMESTAMPTZ NOT NULL,
    attempts            INT         NOT NULL DEFAULT 0,
    provider_message_id TEXT,
    last_error          TEXT,
    subject             TEXT        NOT NULL,
    body                TEXT        NOT NULL,
    payload             JSONB       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (notification_id, channel, address)
);
CREATE INDEX delivery_due ON delivery (due_at) WHERE status = 'PENDING';
CREATE INDEX delivery_sending ON delivery (updated_at) WHERE status = 'SENDING';
CREATE INDEX delivery_incident ON delivery (incident_id, created_at);
CREATE INDEX delivery_created ON delivery (created_at DESC);
