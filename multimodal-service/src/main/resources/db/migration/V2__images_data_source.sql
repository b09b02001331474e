-- The data source whose item an image was found in, as the indexing worker says when it
-- stores a document's images, so that the images of a deleted data source can be
-- removed after document-service has already forgotten its documents. It is
-- document-service's id: no foreign key across schemas. Null for images uploaded by
-- users through the public API, and for every image stored before this column existed:
-- nothing is backfilled (the owning source of an older image is not known here), so the
-- images of such documents are removed only per document or when the worker stores the
-- document's images again.
ALTER TABLE images ADD COLUMN data_source_id uuid;

CREATE INDEX idx_images_data_source_id ON images (data_source_id) WHERE data_source_id IS NOT NULL;
