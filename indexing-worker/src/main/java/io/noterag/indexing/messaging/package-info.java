/**
 * RabbitMQ: the queues the worker consumes ({@code SyncRequested} and data source
 * deletions) with their dead-letter queues and a retry queue whose messages wait for
 * their own delay; manual acknowledgement once the work is done, one message at a time;
 * retries with exponential back-off, then the dead-letter queue.
 */
package io.noterag.indexing.messaging;
