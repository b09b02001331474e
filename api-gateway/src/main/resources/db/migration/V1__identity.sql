-- Identity owned by the gateway: users (as in the specification), hashed refresh tokens
-- grouped in families, the audit trail (as in the specification) and the shared
-- access-token signing key.

CREATE TABLE users (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email        VARCHAR(255) NOT NULL UNIQUE,
    name         VARCHAR(255),
    azure_ad_oid VARCHAR(255) UNIQUE,
    role         VARCHAR(50)  NOT NULL DEFAULT 'user' CHECK (role IN ('viewer', 'user', 'admin')),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login   TIMESTAMPTZ,
    is_active    BOOLEAN      NOT NULL DEFAULT TRUE
);

-- Only the SHA-256 of a token is stored. replaced_by links a rotated token to its
-- successor; presenting a rotated token again revokes the whole family.
CREATE TABLE refresh_tokens (
    id          UUID PRIMARY KEY,
    token_hash  CHAR(64)    NOT NULL UNIQUE,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   UUID        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    replaced_by UUID REFERENCES refresh_tokens (id) ON DELETE SET NULL
);

CREATE INDEX idx_refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX idx_refresh_tokens_expires_at ON refresh_tokens (expires_at);

CREATE TABLE audit_logs (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID REFERENCES users (id) ON DELETE SET NULL,
    action        VARCHAR(100) NOT NULL,
    resource_type VARCHAR(100),
    resource_id   VARCHAR(500),
    timestamp     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    ip_address    INET,
    user_agent    TEXT,
    details       JSONB        NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_timestamp ON audit_logs (timestamp DESC);
CREATE INDEX idx_audit_logs_action ON audit_logs (action);

-- The RS256 key shared by every gateway replica. The private key is plain PKCS#8 PEM:
-- this schema is the gateway's alone; deployments that keep keys out of the database set
-- noterag.auth.signing-key.private-key-location instead and leave this table empty.
-- Retired keys (active = false) stay so that tokens they signed validate until expiry.
CREATE TABLE signing_keys (
    kid             VARCHAR(100) PRIMARY KEY,
    algorithm       VARCHAR(10)  NOT NULL DEFAULT 'RS256',
    private_key_pem TEXT         NOT NULL,
    public_jwk      JSONB        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    active          BOOLEAN      NOT NULL DEFAULT TRUE
);

-- at most one active key: two replicas starting at once cannot both install theirs
CREATE UNIQUE INDEX uq_signing_keys_one_active ON signing_keys (active) WHERE active;
