package io.noterag.indexing.plugin.databricks.internal;

import io.noterag.shared.source.plugin.SourceException;

/**
 * Databricks refused a request for a reason other than the credentials or throttling: a
 * missing object, a permission on one object, a bad parameter. Callers decide whether it
 * concerns one item or the whole source.
 */
public class DatabricksApiException extends SourceException {

	private final int status;

	private final String errorCode;

	public DatabricksApiException(int status, String errorCode, String message) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Databricks' {@code error_code}, e.g. {@code RESOURCE_DOES_NOT_EXIST}.
	 * @return the code, or {@code null}
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * Whether the object does not exist.
	 * @return whether it is a 404 or {@code RESOURCE_DOES_NOT_EXIST}
	 */
	public boolean notFound() {
		return this.status == 404 || "RESOURCE_DOES_NOT_EXIST".equals(this.errorCode)
				|| "NOT_FOUND".equals(this.errorCode);
	}

	/**
	 * Whether the caller may not use that one object.
	 * @return whether it is a {@code PERMISSION_DENIED}
	 */
	public boolean permissionDenied() {
		return "PERMISSION_DENIED".equals(this.errorCode);
	}

}
