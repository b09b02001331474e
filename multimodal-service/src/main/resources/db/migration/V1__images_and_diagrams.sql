-- Images attached to documents. document_id is document-service's id: no foreign key
-- across schemas. The bytes live in the object store under storage_path and
-- thumbnail_path; the row is written only after both objects are stored.
CREATE TABLE images (
    id                    uuid PRIMARY KEY,
    document_id           uuid         NOT NULL,
    storage_path          varchar(500) NOT NULL,
    thumbnail_path        varchar(500),
    ocr_text              text,
    caption               text,
    dimensions            jsonb        NOT NULL,
    thumbnail_dimensions  jsonb,
    content_type          varchar(100) NOT NULL,
    size_bytes            bigint       NOT NULL CHECK (size_bytes > 0),
    sha256                varchar(64)  NOT NULL,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    metadata              jsonb        NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX idx_images_document_id ON images (document_id, created_at);
CREATE INDEX idx_images_sha256 ON images (sha256);

-- Diagrams drawn for answers (Mermaid code and its rendering); filled by a later feature.
CREATE TABLE diagrams (
    id              uuid PRIMARY KEY,
    type            varchar(50)  NOT NULL,
    title           varchar(500),
    code            text         NOT NULL,
    storage_path    varchar(500),
    thumbnail_path  varchar(500),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb
);
