package io.noterag.document.deadletter;

import java.util.List;

/**
 * Every dead-letter queue.
 *
 * @param queues the queues
 */
public record DeadLetterList(List<DeadLetterQueue> queues) {

}
