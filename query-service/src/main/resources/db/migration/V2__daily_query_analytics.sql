-- One row per UTC day of answered queries, aggregated from query_analytics by a daily job
-- that runs once per cluster (the shedlock table holds its lock). Re-aggregating a day
-- replaces its row.
CREATE TABLE query_analytics_daily (
    day                 DATE          PRIMARY KEY,
    queries             INTEGER       NOT NULL,
    distinct_users      INTEGER       NOT NULL,
    p50_latency_ms      INTEGER,
    p95_latency_ms      INTEGER,
    avg_latency_ms      INTEGER,
    -- answered without the language model that was configured (metadata.degraded)
    degraded            INTEGER       NOT NULL,
    -- answered that the notes do not say (metadata.found = false)
    not_found           INTEGER       NOT NULL,
    tokens_used         BIGINT        NOT NULL,
    cost_usd            NUMERIC(14, 6) NOT NULL,
    avg_documents_retrieved NUMERIC(8, 2),
    -- queries per retrieval technique, e.g. {"hybrid": 12, "rag_fusion": 3}
    by_technique        JSONB         NOT NULL DEFAULT '{}'::jsonb,
    aggregated_at       TIMESTAMPTZ   NOT NULL
);

-- Locks of scheduled tasks that run once per cluster (ShedLock's JDBC table).
CREATE TABLE shedlock (
    name        VARCHAR(64)   PRIMARY KEY,
    lock_until  TIMESTAMP     NOT NULL,
    locked_at   TIMESTAMP     NOT NULL,
    locked_by   VARCHAR(255)  NOT NULL
);
