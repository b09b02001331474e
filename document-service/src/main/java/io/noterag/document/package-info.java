/**
 * document-service: data sources and their sync jobs (announced to the indexing worker
 * through a transactional outbox and RabbitMQ), and the metadata of the documents the
 * worker indexes, readable through the public API by those the source lets read them. It
 * keeps nothing in memory that another replica would need.
 */
package io.noterag.document;
