/**
 * The query service: answers a user's question from the indexed documents the user may
 * read, with cited sources, stores the exchange in a conversation and records analytics.
 * Features: {@code ask} (the public endpoint), {@code retrieval} (hybrid search over the
 * vector store), {@code answer} (the extractive generator), {@code conversation} (client
 * of conversation-service) and {@code analytics} (one row per query).
 */
package io.noterag.query;
