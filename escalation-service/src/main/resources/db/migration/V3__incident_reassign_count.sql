-- How many times the incident was reassigned; part of the ids of the pages sent after each reassignment, so that a
-- second reassignment (or a new policy whose steps page the same people) is a new notification, not a duplicate.
ALTER TABLE incident ADD COLUMN reassign_count INT NOT NULL DEFAULT 0;
