package io.noterag.document.deadletter;

import java.util.List;

/**
 * One dead-letter queue.
 *
 * @param queue its name
 * @param count messages in it
 * @param messages the first of them, oldest first
 */
public record DeadLetterQueue(String queue, long count, List<DeadLetterMessage> messages) {

}
