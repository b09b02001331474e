-- Items of a source whose most recent report was 'failed' (their last attempt failed
-- after the worker's retries, or they could not be read or extracted).
--
-- An incremental listing (by modification time, by delta link) returns only the items
-- that changed, so an item that failed and has not changed since would never be listed
-- again. The worker asks for these items on an incremental sync and tries them again.
-- A row is written when an item is first reported failed in a job and removed when the
-- item is later reported indexed, skipped_unchanged or deleted: it always reflects the
-- item's most recent report, and only failures are kept (bounded by what is broken now,
-- not by the history of reports).

CREATE TABLE source_failed_items (
    data_source_id  UUID         NOT NULL REFERENCES data_sources (id) ON DELETE CASCADE,
    item_id         TEXT         NOT NULL,
    -- the job of the last failed report and why it failed
    job_id          UUID         NOT NULL,
    reason          TEXT,
    failed_at       TIMESTAMPTZ  NOT NULL,
    -- how many jobs in a row reported it failed
    failures        INTEGER      NOT NULL DEFAULT 1 CHECK (failures >= 1),
    PRIMARY KEY (data_source_id, item_id)
);

-- the least recently tried first, so that a capped retry list goes round all of them
CREATE INDEX source_failed_items_by_time ON source_failed_items (data_source_id, failed_at);

-- the items whose most recent report so far was a failure
INSERT INTO source_failed_items (data_source_id, item_id, job_id, reason, failed_at)
SELECT latest.data_source_id, latest.item_id, latest.job_id, latest.reason, latest.reported_at
FROM (
    SELECT DISTINCT ON (j.data_source_id, i.item_id)
           j.data_source_id, i.item_id, i.job_id, i.outcome, i.reason, i.reported_at
    FROM sync_job_items i
    JOIN sync_jobs j ON j.id = i.job_id
    ORDER BY j.data_source_id, i.item_id, i.reported_at DESC
) latest
WHERE latest.outcome = 'failed';
