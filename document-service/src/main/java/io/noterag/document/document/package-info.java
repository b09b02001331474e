/**
 * Documents' metadata: written by the indexing worker as it indexes each item of a data
 * source (upsert by the deterministic document id, delete when the item is gone), read by
 * everyone signed in through the public API, limited to the documents of the sources
 * whose principals include the caller. A document is shown with its images, asked from
 * multimodal-service (without them, and with a warning, when that service cannot answer),
 * and with related documents of the same source: those sharing a tag or, when none does,
 * the most recently modified ones.
 */
package io.noterag.document.document;
