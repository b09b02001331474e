/**
 * Messages between services (past-tense records) and the RabbitMQ topology they travel
 * on: durable exchanges and queues, one retry queue per delay tier (each with its time to
 * live, dead-lettering back to the indexing exchange), a queue where items of a throttled
 * source wait, and one dead-letter queue per work queue after the last attempt.
 */
package io.noterag.shared.messaging;
