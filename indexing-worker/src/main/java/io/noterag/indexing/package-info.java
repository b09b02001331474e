/**
 * The indexing worker: consumes sync requests from RabbitMQ and indexes data sources
 * (extract, chunk, embed, write the vector store, record metadata in document-service).
 * It is the single writer of the Lucene index.
 */
package io.noterag.indexing;
