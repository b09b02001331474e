/**
 * RabbitMQ: the queues the worker consumes (sync requests, one message per item, data
 * source deletions), each with its dead-letter queue; one retry queue per delay tier
 * whose messages go back to the indexing exchange after the tier's delay; a queue where
 * items of a throttled source wait. Manual acknowledgement once the work is committed;
 * retries with back-off, then the dead-letter queue; item messages published with
 * publisher confirms.
 */
package io.noterag.indexing.messaging;
