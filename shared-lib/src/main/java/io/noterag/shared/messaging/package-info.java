/**
 * Messages between services (past-tense records) and the RabbitMQ topology they travel
 * on: durable exchanges and queues, retry queues with a time to live, and a dead-letter
 * queue after the last attempt.
 */
package io.noterag.shared.messaging;
