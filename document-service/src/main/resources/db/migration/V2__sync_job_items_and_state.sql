-- Per-item accounting of sync jobs and the sync state of each source.
--
-- A worker plans a job (how many item messages it published, which items it rejected
-- while listing, the cursor to keep once they are all done), then reports each item once
-- it is done with it. sync_job_items makes those reports idempotent: one row per
-- (job, item), so a redelivered message never counts twice. When the reported items reach
-- the planned total, the job finishes and its pending cursor becomes the source's cursor.

ALTER TABLE sync_jobs
    -- item messages planned; NULL until the worker has planned the job
    ADD COLUMN planned          INTEGER CHECK (planned >= 0),
    -- items the worker rejected while listing (never published)
    ADD COLUMN rejected         INTEGER NOT NULL DEFAULT 0,
    -- the first of them with their reasons (at most the configured number of failures)
    ADD COLUMN rejected_items   JSONB   NOT NULL DEFAULT '[]'::jsonb,
    -- items reported done, whatever the outcome
    ADD COLUMN reported         INTEGER NOT NULL DEFAULT 0,
    -- the source's cursor once this job completes (delta link, high-water mark)
    ADD COLUMN pending_cursor   TEXT;

CREATE TABLE sync_job_items (
    job_id       UUID         NOT NULL REFERENCES sync_jobs (id) ON DELETE CASCADE,
    item_id      TEXT         NOT NULL,
    outcome      VARCHAR(32)  NOT NULL
        CHECK (outcome IN ('indexed', 'skipped_unchanged', 'deleted', 'failed')),
    reason       TEXT,
    reported_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (job_id, item_id)
);

-- Where the next incremental sync of a source starts: the cursor of the last job that
-- completed (succeeded or completed_with_errors) and when that job started.
CREATE TABLE source_sync_state (
    data_source_id  UUID         PRIMARY KEY REFERENCES data_sources (id) ON DELETE CASCADE,
    cursor          TEXT,
    last_synced_at  TIMESTAMPTZ,
    -- the job that last completed
    job_id          UUID,
    updated_at      TIMESTAMPTZ  NOT NULL
);
