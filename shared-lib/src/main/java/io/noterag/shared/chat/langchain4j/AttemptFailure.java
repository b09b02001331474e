package io.noterag.shared.chat.langchain4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;

import dev.langchain4j.exception.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why one attempt failed, read from whatever langchain4j or the HTTP client threw:
 * whether to try again on the same provider, whether it counts against the provider's
 * circuit breaker, and a one-line description without the API key.
 *
 * @param description what happened, for logs and exception messages
 * @param retryable whether the same provider may succeed on a later attempt (timeouts,
 * connection failures, 408, 409, 429, 5xx)
 * @param providerFault whether it says something about the provider's health rather than
 * about this request (everything except 400, 413 and 422)
 * @param retryAfter the wait the provider asked for, or {@code null}
 */
record AttemptFailure(String description, boolean retryable, boolean providerFault, Duration retryAfter) {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int MAX_MESSAGE = 300;

	static AttemptFailure of(Throwable error, Duration timeout) {
		UpstreamHttpException http = find(error, UpstreamHttpException.class);
		if (http != null) {
			int status = http.statusCode();
			String text = "answered " + status + ": " + providerMessage(http.getMessage());
			boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
			boolean providerFault = status != 400 && status != 413 && status != 422;
			return new AttemptFailure(text, retryable, providerFault, http.retryAfter());
		}
		if (find(error, HttpTimeoutException.class) != null || find(error, TimeoutException.class) != null
				|| find(error, java.util.concurrent.TimeoutException.class) != null) {
			return new AttemptFailure("did not answer within " + timeout.toMillis() + " ms", true, true, null);
		}
		if (find(error, ConnectException.class) != null || find(error, UnresolvedAddressException.class) != null) {
			return new AttemptFailure("could not be reached: " + rootMessage(error), true, true, null);
		}
		if (find(error, IOException.class) != null || find(error, UncheckedIOException.class) != null) {
			return new AttemptFailure("connection failed: " + rootMessage(error), true, true, null);
		}
		return new AttemptFailure("failed: " + rootMessage(error), false, true, null);
	}

	static AttemptFailure timedOut(Duration timeout) {
		return new AttemptFailure("sent nothing for " + timeout.toMillis() + " ms", true, true, null);
	}

	static AttemptFailure notJson(String problem) {
		return new AttemptFailure("answered with text that is not JSON (" + shortened(problem) + ")", true, false,
				null);
	}

	/**
	 * The provider's own message: OpenAI's {@code error.message}, Anthropic's
	 * {@code error.message}, Ollama's {@code error}, or the start of the body.
	 */
	static String providerMessage(String body) {
		if (body == null || body.isBlank()) {
			return "(no body)";
		}
		try {
			JsonNode error = json.readTree(body);
			for (JsonNode candidate : List.of(error.path("error").path("message"), error.path("error"),
					error.path("message"), error.path("detail"))) {
				if (candidate.isString() && !candidate.stringValue().isBlank()) {
					String type = error.path("error").path("type").isString()
							? " (" + error.path("error").path("type").stringValue() + ")" : "";
					return shortened(candidate.stringValue()) + type;
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON (a proxy's HTML page, say): the text itself follows
		}
		return shortened(body.strip());
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " " + shortened(message) : "");
	}

	private static String shortened(String text) {
		String line = text.replaceAll("\\s+", " ");
		return (line.length() <= MAX_MESSAGE) ? line : line.substring(0, MAX_MESSAGE) + "...";
	}

	private static <T extends Throwable> T find(Throwable error, Class<T> type) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
