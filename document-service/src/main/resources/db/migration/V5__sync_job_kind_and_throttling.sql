-- Whether a job lists everything at its source (full) or only what changed since the last
-- sync (incremental), as its SyncRequested message says. Jobs recorded before take it from
-- their message in the outbox.
ALTER TABLE sync_jobs ADD COLUMN full_sync BOOLEAN;

UPDATE sync_jobs j
SET full_sync = (o.payload ->> 'full')::boolean
FROM outbox o
WHERE o.id = j.outbox_id AND jsonb_typeof(o.payload -> 'full') = 'boolean';

-- Until when the job's source asked the workers to wait (429/503 with Retry-After beyond
-- what a plugin waits for itself), as a worker reported it. Workers hold back the source's
-- items until then, and the reaper counts the end of the wait as the job's last sign of
-- life.
ALTER TABLE sync_jobs ADD COLUMN throttled_until TIMESTAMPTZ;
