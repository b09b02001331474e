package io.noterag.shared.source.plugin;

/**
 * One item cannot be read or makes no sense (broken page, table without columns); the
 * rest goes on.
 */
public class ItemException extends SourceException {

	public ItemException(String message) {
		super(message);
	}

	public ItemException(String message, Throwable cause) {
		super(message, cause);
	}

}
