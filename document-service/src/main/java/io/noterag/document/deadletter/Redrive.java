package io.noterag.document.deadletter;

/**
 * What a re-drive did.
 *
 * @param queue the dead-letter queue
 * @param moved messages published again and removed from it
 * @param remaining messages still in it
 * @param error why it stopped before {@code limit} or the end of the queue, else null
 */
public record Redrive(String queue, int moved, long remaining, String error) {

}
