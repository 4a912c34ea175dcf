-- An integration is how a monitoring system reaches Klaxon: a source type, a target service and an
-- unguessable key that appears in the webhook URL (or as the PagerDuty routing_key).
CREATE TABLE integration (
    id           UUID PRIMARY KEY,
    name         TEXT        NOT NULL,
    source_type  TEXT        NOT NULL,
    service      TEXT        NOT NULL,
    integration_key TEXT     NOT NULL UNIQUE,
    secret       TEXT,
    enabled      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
