-- Operators' versions of the notification templates; a template without a row is the shipped one.
CREATE TABLE template_override (
    name       TEXT PRIMARY KEY,
    body       TEXT        NOT NULL,
    updated_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
