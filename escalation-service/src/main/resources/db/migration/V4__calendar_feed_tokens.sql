-- Secrets in the URLs of the iCalendar feeds, for calendar apps that cannot send a bearer token. Only a SHA-256 of
-- each is kept; issuing a new one replaces the old, so the old URL stops working.
CREATE TABLE schedule_feed_token (
    schedule_id  UUID PRIMARY KEY REFERENCES schedule (id) ON DELETE CASCADE,
    token_sha256 TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT
);

CREATE TABLE user_feed_token (
    user_id      UUID PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    token_sha256 TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT
);
