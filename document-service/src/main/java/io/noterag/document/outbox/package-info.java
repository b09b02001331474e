/**
 * The transactional outbox: a message is written as a row in the same transaction as the
 * change it announces, and a relay publishes the rows to RabbitMQ afterwards, with
 * publisher confirms. Rows are taken {@code FOR UPDATE SKIP LOCKED}, so replicas never
 * publish the same row at once; a row is marked published only after the broker confirmed
 * it, and a failed one stays with its attempt count and error and is retried with
 * back-off. Delivery is therefore at least once; consumers are idempotent.
 */
package io.noterag.document.outbox;
