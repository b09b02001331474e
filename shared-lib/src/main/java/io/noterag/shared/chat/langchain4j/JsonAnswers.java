package io.noterag.shared.chat.langchain4j;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that a model's answer to a JSON request is JSON. Models without a JSON mode
 * often wrap it in a Markdown code fence; the fence is removed, nothing else is forgiven:
 * the answer must be one JSON value and nothing after it.
 */
final class JsonAnswers {

	private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z]*\\s*\\n(.*?)\\n?```$", Pattern.DOTALL);

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonAnswers() {
	}

	/**
	 * Reads an answer as JSON.
	 * @param answer the model's text
	 * @return the JSON text, or the reason it is not JSON
	 */
	static Checked check(String answer) {
		String text = (answer != null) ? answer.strip() : "";
		Matcher fence = FENCE.matcher(text);
		if (fence.matches()) {
			text = fence.group(1).strip();
		}
		if (text.isEmpty()) {
			return new Checked(null, "the answer is empty");
		}
		try {
			json.readTree(text);
			return new Checked(text, null);
		}
		catch (JacksonException ex) {
			return new Checked(null, ex.getOriginalMessage());
		}
	}

	/**
	 * The outcome of {@link #check(String)}.
	 *
	 * @param json the JSON text, or {@code null}
	 * @param problem why the answer is not JSON, or {@code null}
	 */
	record Checked(String json, String problem) {

		boolean valid() {
			return this.json != null;
		}

	}

}
