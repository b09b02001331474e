/**
 * What this service tells others through RabbitMQ, and the topology it declares so that
 * it works as a producer on its own: the indexing exchange, the sync queue and the
 * source-deleted queue, both dead-lettering to the dead-letter exchange. Messages are
 * JSON written by the Jackson 3 message converter with the application's snake_case
 * mapper.
 */
package io.noterag.document.messaging;
