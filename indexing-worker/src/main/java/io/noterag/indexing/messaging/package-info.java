/**
 * RabbitMQ: the queues the worker consumes (sync requests, one message per item, data
 * source deletions), each with its dead-letter queue; one retry queue per delay tier
 * whose messages go back to the indexing exchange after the tier's delay; a queue where
 * items of a throttled source wait, for as long as any worker replica was told to wait
 * (the waits are shared through document-service, which also keeps such a job from being
 * reaped, and each replica falls back to the waits it knows when document-service does
 * not answer). Manual acknowledgement once the work is committed; retries with back-off,
 * then the dead-letter queue; item messages published with publisher confirms.
 */
package io.noterag.indexing.messaging;
