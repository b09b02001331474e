-- Credentials, health and scheduling of data sources, the connections of accounts in
-- progress, and the lock that runs the hourly sync once per cluster.

ALTER TABLE data_sources
    -- secrets by name, each sealed with AES-256-GCM ("v1:<key id>:<nonce|ciphertext|tag>");
    -- the names are not secret, the values are never stored in plain text
    ADD COLUMN credentials     JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- whether the hourly incremental sync includes this source
    ADD COLUMN sync_enabled    BOOLEAN      NOT NULL DEFAULT TRUE,
    ADD COLUMN status          VARCHAR(32)  NOT NULL DEFAULT 'ok'
        CHECK (status IN ('ok', 'needs_reconnect', 'error')),
    -- what is wrong when the status is not ok
    ADD COLUMN status_error    TEXT,
    -- the next sync lists everything: never synced, or the configuration changed
    ADD COLUMN next_sync_full  BOOLEAN      NOT NULL DEFAULT TRUE;

-- the scheduler's scan
CREATE INDEX idx_data_sources_scheduled ON data_sources (created_at, id)
    WHERE sync_enabled AND status <> 'needs_reconnect';

-- Account connections in progress (authorization code flow with PKCE): one row per
-- 'state' handed to the identity platform, deleted when the callback takes it.
CREATE TABLE source_connect_states (
    -- SHA-256 of the state (hex): the state itself is never stored
    state_hash      VARCHAR(64)   PRIMARY KEY,
    data_source_id  UUID          NOT NULL REFERENCES data_sources (id) ON DELETE CASCADE,
    admin_id        UUID          NOT NULL,
    -- the PKCE code verifier, sealed like credentials
    code_verifier   TEXT          NOT NULL,
    scope           TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    expires_at      TIMESTAMPTZ   NOT NULL
);

CREATE INDEX idx_source_connect_states_expires ON source_connect_states (expires_at);

-- ShedLock's table: a row per scheduled task, held by one replica at a time
CREATE TABLE shedlock (
    name        VARCHAR(64)   PRIMARY KEY,
    lock_until  TIMESTAMPTZ   NOT NULL,
    locked_at   TIMESTAMPTZ   NOT NULL,
    locked_by   VARCHAR(255)  NOT NULL
);
