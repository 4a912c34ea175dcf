-- How each person wants to be reached: which contact method, how long after the page ("SMS at once, email after
-- 2 minutes"). NULL means every contact method at once. A webhook is a contact method of its own.
ALTER TABLE app_user ADD COLUMN notification_rules JSONB;
ALTER TABLE app_user ADD COLUMN webhook_url TEXT;
