-- What an API key may do: scopes separated by spaces (src/model.ts SCOPES), or '*' for all.
-- Keys made before scopes keep what they could do.
ALTER TABLE api_keys ADD COLUMN scopes text NOT NULL DEFAULT '*';
