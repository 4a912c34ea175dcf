-- A delivery being sent is held under a lease: its owner (the replica's name and the process's incarnation) renews
-- it while alive, and a lease that lapses, or one an earlier incarnation of the same replica held, is taken over and
-- reconciled with the provider before anything is sent again. attempt_at is when the current attempt began (where a
-- provider look-up starts); note keeps what happened to a delivery beyond its last error ("found at Slack after a
-- crash", "sent again after a crash: outcome of attempt 1 unknown").
ALTER TABLE delivery ADD COLUMN lease_owner TEXT;
ALTER TABLE delivery ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN attempt_at TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN note TEXT;
-- deliveries left SENDING by a notifier before leases existed have lapsed already
UPDATE delivery SET lease_until = updated_at, attempt_at = updated_at WHERE status = 'SENDING';
DROP INDEX IF EXISTS delivery_sending;
CREATE INDEX delivery_sending ON delivery (lease_until) WHERE status = 'SENDING';
