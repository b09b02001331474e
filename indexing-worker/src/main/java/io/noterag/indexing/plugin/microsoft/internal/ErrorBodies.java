package io.noterag.indexing.plugin.microsoft.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the error bodies of Graph ({@code {"error":{"code","message","innerError"}}}) and
 * of the identity platform ({@code {"error","error_description","error_codes"}}) into
 * short messages. Trace ids, timestamps and anything after the first line of a
 * description are left out; bodies never hold secrets, but they can be long.
 */
public final class ErrorBodies {

	private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

	private static final int MAX_MESSAGE = 300;

	private static final JsonMapper JSON = JsonMapper.shared();

	private ErrorBodies() {
	}

	/**
	 * A Graph error body.
	 * @param body the body
	 * @return its code and message, both possibly {@code null}
	 */
	public static GraphError graphError(byte[] body) {
		JsonNode error = read(body).path("error");
		JsonNode inner = error.path("innerError").isMissingNode() ? error.path("innererror") : error.path("innerError");
		return new GraphError(text(error, "code"), shorten(text(error, "message")), text(inner, "code"),
				text(inner, "request-id"));
	}

	/**
	 * An identity platform error body.
	 * @param body the body
	 * @return the OAuth error, its AADSTS code and first line of description
	 */
	public static OAuthError oauthError(byte[] body) {
		JsonNode root = read(body);
		String error = text(root, "error");
		String description = text(root, "error_description");
		String code = null;
		JsonNode codes = root.path("error_codes");
		if (codes.isArray() && !codes.isEmpty() && codes.get(0).isNumber()) {
			code = "AADSTS" + codes.get(0).asLong();
		}
		else if (description != null) {
			Matcher matcher = AADSTS.matcher(description);
			if (matcher.find()) {
				code = matcher.group();
			}
		}
		return new OAuthError(error, code, shorten(firstLine(description)));
	}

	private static JsonNode read(byte[] body) {
		if (body == null || body.length == 0) {
			return JSON.missingNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return JSON.missingNode();
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue().trim() : null;
	}

	private static String firstLine(String text) {
		if (text == null) {
			return null;
		}
		int end = text.indexOf('\r');
		int newline = text.indexOf('\n');
		if (end < 0 || (newline >= 0 && newline < end)) {
			end = newline;
		}
		return (end >= 0) ? text.substring(0, end).trim() : text.trim();
	}

	private static String shorten(String text) {
		if (text == null || text.length() <= MAX_MESSAGE) {
			return text;
		}
		return text.substring(0, MAX_MESSAGE) + "…";
	}

	/**
	 * A Graph error.
	 *
	 * @param code the error code ({@code itemNotFound}, {@code activityLimitReached})
	 * @param message the message
	 * @param innerCode the inner error's code, if any
	 * ({@code resyncChangesApplyDifferences})
	 * @param requestId the request id Microsoft support asks for
	 */
	public record GraphError(String code, String message, String innerCode, String requestId) {

		/**
		 * A short description for a message.
		 * @param status the HTTP status
		 * @return e.g. {@code HTTP 403, accessDenied: Access denied}
		 */
		public String describe(int status) {
			StringBuilder text = new StringBuilder("HTTP ").append(status);
			if (this.code != null) {
				text.append(", ").append(this.code);
				if (this.message != null) {
					text.append(": ").append(this.message);
				}
			}
			else if (this.message != null) {
				text.append(", ").append(this.message);
			}
			if (this.requestId != null) {
				text.append(", request id ").append(this.requestId);
			}
			return text.toString();
		}

	}

	/**
	 * An identity platform error.
	 *
	 * @param error the OAuth error ({@code invalid_grant})
	 * @param code the first AADSTS code, if any ({@code AADSTS70008})
	 * @param description the first line of the description, if any
	 */
	public record OAuthError(String error, String code, String description) {

	}

}
