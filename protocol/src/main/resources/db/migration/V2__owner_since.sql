-- When the manager holding the lease started: set when a manager takes the lease, untouched by renewals,
-- cleared on release. GET /v1/models/{m} answers it as manager.since.
ALTER TABLE goal_model ADD COLUMN owner_since timestamptz;
