package io.noterag.shared.source.plugin;

/**
 * A source's configuration is wrong; the message names the field
 * ({@code config.site_id}).
 */
public class InvalidSourceConfigException extends IllegalArgumentException {

	private final String field;

	public InvalidSourceConfigException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The field that is wrong, as {@code config.<name>} or {@code credentials.<name>}.
	 * @return the field
	 */
	public String field() {
		return this.field;
	}

}
