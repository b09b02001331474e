package io.noterag.shared.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id: its header, its log key, and what counts as a sane value sent by a
 * caller.
 */
public final class RequestIds {

	/** Header that carries the request id in both directions. */
	public static final String HEADER = "X-Request-ID";

	/** Key of the request id in the logging MDC and in problem details. */
	public static final String MDC_KEY = "request_id";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

	private RequestIds() {
	}

	/**
	 * Keeps a caller's id when it is sane, otherwise makes a new one.
	 * @param candidate the id the caller sent, or {@code null}
	 * @return the id to use
	 */
	public static String keepOrCreate(String candidate) {
		return isSane(candidate) ? candidate : newId();
	}

	public static boolean isSane(String candidate) {
		return candidate != null && SANE.matcher(candidate).matches();
	}

	public static String newId() {
		return UUID.randomUUID().toString();
	}

}
