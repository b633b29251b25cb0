-- Tokens expire (issue 12): a bearer token that leaks from a clerk's computer
-- must not work forever. POST /tokens sets `expires_at` (default 90 days, at most
-- 365; docs/api.md). Tokens issued before this migration get 90 days from now,
-- so none keeps working indefinitely; NULL (only rows inserted by hand or old
-- seeds) means "no expiry" and is never written by the API.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
UPDATE tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE expires_at IS NULL;
