/**
 * Dead-letter queues for administrators: what failed its last attempt (per queue, the
 * count and the first messages with their routing key, attempt, RabbitMQ's reason and a
 * body preview with secrets masked), and re-driving messages back to the exchange and
 * routing key they were first published with, as a fresh set of attempts. A message
 * leaves its dead-letter queue only once the broker has confirmed its copy, so nothing is
 * lost; a crash in between leaves a duplicate, which the idempotent consumers absorb.
 */
package io.noterag.document.deadletter;
