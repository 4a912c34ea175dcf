-- A page still waiting (delayed by a notification rule, or for a retry) when its incident is acknowledged or resolved
-- is not sent: it ends CANCELLED, with the reason in last_error.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'CANCELLED'));
