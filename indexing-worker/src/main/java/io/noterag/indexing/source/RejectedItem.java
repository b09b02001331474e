package io.noterag.indexing.source;

/**
 * Something found in a source folder that cannot be indexed: reported as a failed item of
 * the job.
 *
 * @param itemId its path relative to the source folder, {@code /}-separated
 * @param reason why, in words for the user
 * @param folder whether it is a folder (nothing below it was listed, so nothing known
 * below it may be deleted)
 */
public record RejectedItem(String itemId, String reason, boolean folder) {
}
