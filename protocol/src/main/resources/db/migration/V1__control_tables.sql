-- Teatree control tables (DESIGN §4). The model's DuckDB ledger is the source of truth for what was
-- applied; these rows are reconciled from it.

CREATE TABLE goal_model (
    id               text        PRIMARY KEY CHECK (id ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    pod_class        text        NOT NULL DEFAULT 'small',
    status           text        NOT NULL DEFAULT 'idle',
    current_version  bigint      NOT NULL DEFAULT 0,
    snapshot_version bigint,
    owner_id         text,
    owner_epoch      bigint      NOT NULL DEFAULT 0,
    lease_until      timestamptz,
    settings         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE intent (
    id            uuid        PRIMARY KEY,
    model_id      text        NOT NULL REFERENCES goal_model (id) ON DELETE CASCADE,
    function      text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    submitted_at  timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    version       bigint,
    error         jsonb,
    result        jsonb,
    requester     text        NOT NULL,
    request_hash  text
);
CREATE INDEX intent_model_status ON intent (model_id, status);

CREATE TABLE model_version (
    model_id        text        NOT NULL REFERENCES goal_model (id) ON DELETE CASCADE,
    version         bigint      NOT NULL,
    duckdb_uri      text        NOT NULL,
    bytes           bigint      NOT NULL,
    sha256          text        NOT NULL,
    storage_version text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, version)
);

CREATE TABLE content_index (
    model_id    text   NOT NULL,
    version     bigint NOT NULL,
    table_name  text   NOT NULL,
    row_count   bigint NOT NULL,
    parquet_uri text   NOT NULL,
    bytes       bigint NOT NULL,
    sha256      text   NOT NULL,
    columns     jsonb  NOT NULL,
    PRIMARY KEY (model_id, version, table_name),
    FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version) ON DELETE CASCADE
);

-- API keys: only the SHA-256 of the secret is stored.
CREATE TABLE api_key (
    id            text        PRIMARY KEY,
    secret_sha256 text        NOT NULL UNIQUE,
    role          text        NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),
    model_pattern text        NOT NULL DEFAULT '*',
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz
);
