package io.noterag.indexing.catalog;

/**
 * What happened to one item of a job.
 *
 * @param itemId the item's id inside its source
 * @param outcome {@code indexed}, {@code skipped_unchanged}, {@code deleted} or
 * {@code failed}
 * @param reason why it failed, or {@code null}
 */
public record ItemReport(String itemId, String outcome, String reason) {

	public static final String INDEXED = "indexed";

	public static final String SKIPPED_UNCHANGED = "skipped_unchanged";

	public static final String DELETED = "deleted";

	public static final String FAILED = "failed";

}
