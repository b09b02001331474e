/**
 * The public query endpoints: {@code POST /api/v2/query} validates the request (naming
 * each bad field), answers within the caller's document permissions with cited sources,
 * stores the turn in a conversation and returns its id, records analytics and the
 * {@code noterag.query.latency} timer; {@code POST /api/v2/documents/search} ranks
 * documents by their best chunk with the same validation, retrieval and permissions, and
 * records the {@code noterag.search.latency} timer.
 */
package io.noterag.query.ask;
