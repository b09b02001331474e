-- Conversations of a user and their messages. user_id is the identity service's user id
-- (the token's subject): no foreign key across schemas.
CREATE TABLE conversations (
    id          uuid PRIMARY KEY,
    user_id     uuid         NOT NULL,
    title       varchar(500) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    metadata    jsonb        NOT NULL DEFAULT '{}'::jsonb
);

-- a user's list, newest first
CREATE INDEX idx_conversations_user_updated ON conversations (user_id, updated_at DESC, id DESC);

CREATE TABLE messages (
    id               uuid PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- insertion order, to keep messages stored in the same instant in order
    seq              bigint      GENERATED ALWAYS AS IDENTITY,
    role             varchar(50) NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content          text        NOT NULL,
    timestamp        timestamptz NOT NULL DEFAULT now(),
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tokens_used      integer CHECK (tokens_used >= 0),
    cost_usd         numeric(10, 6) CHECK (cost_usd >= 0)
);

CREATE INDEX idx_messages_conversation ON messages (conversation_id, timestamp, seq);
CREATE INDEX idx_messages_timestamp ON messages (timestamp DESC);
