-- When the provider took a delivery: what rate limits count. A bundle is several pages to one address sent as one
-- message; each bundled delivery names the bundle (the id of its first delivery).
ALTER TABLE delivery ADD COLUMN sent_at TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN bundle_id UUID;
CREATE INDEX delivery_sent_to ON delivery (contact_type, address, sent_at DESC) WHERE sent_at IS NOT NULL;
CREATE INDEX delivery_sent_by ON delivery (contact_type, sent_at DESC) WHERE sent_at IS NOT NULL;
