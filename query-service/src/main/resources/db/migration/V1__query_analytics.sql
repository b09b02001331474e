-- One row per answered query. user_id is the token's subject: a user's UUID, or
-- service:<client> for service callers; no foreign keys across schemas.
CREATE TABLE query_analytics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id VARCHAR(255) NOT NULL,
    conversation_id UUID,
    query TEXT NOT NULL,
    rag_technique VARCHAR(100),
    latency_ms INTEGER,
    tokens_used INTEGER,
    cost_usd DECIMAL(10, 6),
    documents_retrieved INTEGER,
    timestamp TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    metadata JSONB NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX idx_query_analytics_user_id ON query_analytics (user_id);
CREATE INDEX idx_query_analytics_timestamp ON query_analytics (timestamp DESC);
