/**
 * Sync jobs: runs one job from start to finish (list the folder, index what is new or
 * changed, skip what is unchanged by content hash, remove what is gone, report progress
 * and heartbeats, finish with counts), one file at a time through extraction, chunking,
 * embedding, the vector store and document-service, vectors first so that a crash
 * re-indexes instead of losing; and removes a deleted data source's chunks. Nothing is
 * kept in memory between jobs.
 */
package io.noterag.indexing.job;
