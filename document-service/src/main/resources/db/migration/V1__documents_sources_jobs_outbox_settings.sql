-- document-service schema: data sources, their sync jobs, the transactional outbox, the
-- documents' metadata and the settings table. Table names are never schema-qualified:
-- Flyway and the connection's search path select the service's schema.

CREATE TABLE data_sources (
    id          UUID PRIMARY KEY,
    type        VARCHAR(50)   NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    config      JSONB         NOT NULL DEFAULT '{}'::jsonb,
    owner_id    UUID          NOT NULL,
    -- who may read what this source indexes, e.g. {user:<owner_id>, group:everyone}
    principals  TEXT[]        NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL
);

CREATE INDEX idx_data_sources_created_at ON data_sources (created_at DESC);
CREATE INDEX idx_data_sources_principals ON data_sources USING GIN (principals);

CREATE TABLE outbox (
    id               UUID PRIMARY KEY,
    exchange         VARCHAR(255) NOT NULL,
    routing_key      VARCHAR(255) NOT NULL,
    payload          JSONB        NOT NULL,
    -- AMQP headers written by the message converter (content type, type id)
    headers          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at       TIMESTAMPTZ  NOT NULL,
    published_at     TIMESTAMPTZ,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    -- after a failed attempt the relay leaves the row alone until then (back-off)
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       TEXT
);

-- the relay's scan: unpublished rows, oldest first
CREATE INDEX idx_outbox_unpublished ON outbox (next_attempt_at, created_at) WHERE published_at IS NULL;

CREATE TABLE sync_jobs (
    id                 UUID PRIMARY KEY,
    data_source_id     UUID         NOT NULL REFERENCES data_sources (id) ON DELETE CASCADE,
    state              VARCHAR(32)  NOT NULL
        CHECK (state IN ('queued', 'running', 'succeeded', 'completed_with_errors', 'failed')),
    seen               INTEGER      NOT NULL DEFAULT 0,
    indexed            INTEGER      NOT NULL DEFAULT 0,
    skipped_unchanged  INTEGER      NOT NULL DEFAULT 0,
    deleted            INTEGER      NOT NULL DEFAULT 0,
    failed             INTEGER      NOT NULL DEFAULT 0,
    failures           JSONB        NOT NULL DEFAULT '[]'::jsonb,
    error              TEXT,
    -- the outbox row that carries this job's SyncRequested message
    outbox_id          UUID,
    created_at         TIMESTAMPTZ  NOT NULL,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ  NOT NULL,
    heartbeat_at       TIMESTAMPTZ
);

CREATE INDEX idx_sync_jobs_source_created ON sync_jobs (data_source_id, created_at DESC);
-- the reaper's scans
CREATE INDEX idx_sync_jobs_running_heartbeat ON sync_jobs (heartbeat_at) WHERE state = 'running';
CREATE INDEX idx_sync_jobs_queued_created ON sync_jobs (created_at) WHERE state = 'queued';
-- at most one queued or running job per source, also across replicas
CREATE UNIQUE INDEX ux_sync_jobs_one_active_per_source ON sync_jobs (data_source_id)
    WHERE state IN ('queued', 'running');

-- Documents metadata, as in the specification with these deliberate changes:
-- * data_source_id, content_hash and chunk_count are added;
-- * uniqueness is on (data_source_id, source_id) instead of the specification's
--   (source_type, source_id), because two data sources of the same type can hold an item
--   with the same external id (two folders both containing README.md);
-- * the id is not generated here: it is ChunkIds.documentId(data_source_id, source_id),
--   the same deterministic id the vector store uses;
-- * timestamps are TIMESTAMPTZ.
CREATE TABLE documents (
    id              UUID PRIMARY KEY,
    data_source_id  UUID          NOT NULL REFERENCES data_sources (id) ON DELETE CASCADE,
    source_type     VARCHAR(50)   NOT NULL,
    source_id       VARCHAR(500)  NOT NULL,
    title           VARCHAR(1000),
    content_type    VARCHAR(100),
    url             TEXT,
    created_at      TIMESTAMPTZ,
    modified_at     TIMESTAMPTZ,
    indexed_at      TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    metadata        JSONB         NOT NULL DEFAULT '{}'::jsonb,
    tags            TEXT[]        NOT NULL DEFAULT '{}',
    content_hash    VARCHAR(128),
    chunk_count     INTEGER       NOT NULL DEFAULT 0,
    UNIQUE (data_source_id, source_id)
);

CREATE INDEX idx_documents_source_type ON documents (source_type);
CREATE INDEX idx_documents_indexed_at ON documents (indexed_at DESC);
CREATE INDEX idx_documents_tags ON documents USING GIN (tags);
CREATE INDEX idx_documents_metadata ON documents USING GIN (metadata);
-- the public list, newest first
CREATE INDEX idx_documents_newest ON documents (modified_at DESC NULLS LAST, indexed_at DESC, id);
-- siblings of a document (related documents)
CREATE INDEX idx_documents_source_modified ON documents (data_source_id, modified_at DESC NULLS LAST);

-- Settings, as in the specification; sensitive values will be stored encrypted (AES-GCM).
CREATE TABLE settings (
    key           VARCHAR(255) PRIMARY KEY,
    value         TEXT         NOT NULL,
    is_sensitive  BOOLEAN      NOT NULL DEFAULT FALSE,
    description   TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
