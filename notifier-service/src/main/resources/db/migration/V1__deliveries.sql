-- The delivery log: one row per (notification, contact method). It is written when the request is consumed and
-- completed after the provider answered, so a request consumed twice is sent once.
CREATE TABLE delivery (
    id                  UUID PRIMARY KEY,          -- DeterministicIds.of(notification_id, contact_type, address)
    notification_id     UUID        NOT NULL,
    incident_id         UUID        NOT NULL,
    incident_number     BIGINT      NOT NULL,
    kind                TEXT        NOT NULL CHECK (kind IN ('TRIGGERED', 'ESCALATED', 'ACKNOWLEDGED', 'UPDATE',
                                                             'RESOLVED')),
    recipient_id        TEXT,
    recipient_name      TEXT,
    contact_type        TEXT        NOT NULL CHECK (contact_type IN ('SLACK', 'EMAIL', 'SMS', 'WEBHOOK')),
    address             TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    due_at              TIMESTAMPTZ NOT NULL,
    attempts            INT         NOT NULL DEFAULT 0,   -- sends tried, counted when claimed
    provider_message_id TEXT,
    last_error          TEXT,
    subject             TEXT        NOT NULL,
    body                TEXT        NOT NULL,             -- the text as sent (the SMS text for SMS)
    request             JSONB       NOT NULL,             -- the NotificationRequested it came from
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT delivery_once UNIQUE (notification_id, contact_type, address)
);
-- the sending loop's claim and its interrupted-send sweep
CREATE INDEX delivery_due ON delivery (due_at) WHERE status = 'PENDING';
CREATE INDEX delivery_sending ON delivery (updated_at) WHERE status = 'SENDING';
-- the delivery log, newest first, and its usual filters
CREATE INDEX delivery_newest ON delivery (created_at DESC, id);
CREATE INDEX delivery_incident ON delivery (incident_id, created_at DESC);
CREATE INDEX delivery_recipient ON delivery (recipient_id, created_at DESC);
