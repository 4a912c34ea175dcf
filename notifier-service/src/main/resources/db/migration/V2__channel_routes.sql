-- Channel routes: which incidents (by severity, service and lifecycle event) are announced where (a Slack channel,
-- an email list, a webhook). Seeded with the runbooks' defaults; the addresses come from the environment at the
-- first start (Flyway placeholders), and a route is only made when its address is set (not "none").
CREATE TABLE channel_route (
    id           UUID PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE,
    contact_type TEXT        NOT NULL CHECK (contact_type IN ('SLACK', 'EMAIL', 'SMS', 'WEBHOOK')),
    address      TEXT        NOT NULL,
    severities   TEXT[]      NOT NULL,
    services     TEXT[]      NOT NULL DEFAULT '{}',
    events       TEXT[]      NOT NULL,
    enabled      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO channel_route (id, name, contact_type, address, severities, events)
SELECT 'c0000000-0000-4000-8000-000000000001', 'Slack #incidents (P1, P2)', 'SLACK', '${slack_incidents}',
       '{P1,P2}', '{OPENED,ACKNOWLEDGED,ESCALATED,SEVERITY_RAISED,RESOLVED}'
WHERE '${slack_incidents}' NOT IN ('', 'none');
INSERT INTO channel_route (id, name, contact_type, address, severities, events)
SELECT 'c0000000-0000-4000-8000-000000000002', 'Slack #operations (P3, P4)', 'SLACK', '${slack_operations}',
       '{P3,P4}', '{OPENED,ACKNOWLEDGED,ESCALATED,SEVERITY_RAISED,RESOLVED}'
WHERE '${slack_operations}' NOT IN ('', 'none');
INSERT INTO channel_route (id, name, contact_type, address, severities, events)
SELECT 'c0000000-0000-4000-8000-000000000003', 'Email critical list (P1)', 'EMAIL', '${email_critical}',
       '{P1}', '{OPENED,RESOLVED}'
WHERE '${email_critical}' NOT IN ('', 'none');
INSERT INTO channel_route (id, name, contact_type, address, severities, events)
SELECT 'c0000000-0000-4000-8000-000000000004', 'Email incident list (P2, P3)', 'EMAIL', '${email_incidents}',
       '{P2,P3}', '{OPENED,RESOLVED}'
WHERE '${email_incidents}' NOT IN ('', 'none');
