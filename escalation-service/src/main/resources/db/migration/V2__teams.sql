-- A team: people paged together when an escalation step targets it.
CREATE TABLE team (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Members in the order they are listed (and paged); deleting a person takes them out of their teams.
CREATE TABLE team_member (
    team_id  UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    position INT  NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user ON team_member (user_id);
