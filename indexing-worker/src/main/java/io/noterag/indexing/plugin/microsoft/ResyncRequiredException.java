package io.noterag.indexing.plugin.microsoft;

import io.noterag.shared.source.plugin.SourceException;

/**
 * Graph answered {@code 410 Gone} to a delta link: the change history is no longer
 * available and the collection must be listed again from the start.
 */
public class ResyncRequiredException extends SourceException {

	public ResyncRequiredException(String message) {
		super(message);
	}

}
