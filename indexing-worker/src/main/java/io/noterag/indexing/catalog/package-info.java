/**
 * What document-service knows: the client of its internal API for sync jobs (start,
 * progress, count-free heartbeats while listing, finish), sources (configuration,
 * principals, the items whose last attempt failed) and document metadata (known content
 * hashes, upserts, deletions), with the records exchanged. A failed call is a
 * {@link io.noterag.indexing.catalog.DocumentServiceException}, whose type says whether
 * retrying can help.
 */
package io.noterag.indexing.catalog;
