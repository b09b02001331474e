/**
 * How dead-lettered messages are read: the body preview that masks secrets and the
 * reading of RabbitMQ's {@code x-death} header.
 */
package io.noterag.document.deadletter.internal;
