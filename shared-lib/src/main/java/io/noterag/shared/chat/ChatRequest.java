package io.noterag.shared.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to ask a language model.
 *
 * @param messages the conversation, oldest first; at least one message
 * @param temperature the sampling temperature, 0 (the most deterministic, and the only
 * one answered from the response cache by default) to 2
 * @param maxOutputTokens the most tokens the answer may have
 * @param json whether the answer must be one JSON value: the gateway asks the model for
 * JSON (the provider's JSON mode where it has one, an instruction in every case) and
 * accepts an answer only when it parses as JSON; otherwise it tries again, then the next
 * provider
 * @param deadline when the call must be over at the latest, or {@code null} for the
 * gateway's own deadline ({@code noterag.llm.deadline}); the earlier of the two applies.
 * A service gives every call made for one user request the same deadline, so that
 * together they never take longer than the request may. For a streamed answer it bounds
 * the time until the first piece. It is not part of what the response cache compares.
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxOutputTokens, boolean json,
		Instant deadline) {

	/** The answer length used by {@link #of(List)}. */
	public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;

	/**
	 * Checks the request.
	 * @param messages the conversation
	 * @param temperature the sampling temperature
	 * @param maxOutputTokens the most tokens of the answer
	 * @param json whether the answer must be JSON
	 * @param deadline when the call must be over, or {@code null}
	 */
	public ChatRequest {
		Objects.requireNonNull(messages, "messages");
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("A chat request needs at least one message");
		}
		messages = List.copyOf(messages);
		if (!(temperature >= 0 && temperature <= 2)) {
			throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
		}
		if (maxOutputTokens < 1) {
			throw new IllegalArgumentException("maxOutputTokens must be at least 1, got " + maxOutputTokens);
		}
	}

	/**
	 * A request with the gateway's own deadline.
	 * @param messages the conversation
	 * @param temperature the sampling temperature
	 * @param maxOutputTokens the most tokens of the answer
	 * @param json whether the answer must be JSON
	 */
	public ChatRequest(List<ChatMessage> messages, double temperature, int maxOutputTokens, boolean json) {
		this(messages, temperature, maxOutputTokens, json, null);
	}

	/**
	 * A request with temperature 0, at most {@value #DEFAULT_MAX_OUTPUT_TOKENS} output
	 * tokens and plain text output.
	 * @param messages the conversation, oldest first
	 * @return the request
	 */
	public static ChatRequest of(List<ChatMessage> messages) {
		return new ChatRequest(messages, 0.0, DEFAULT_MAX_OUTPUT_TOKENS, false);
	}

	/**
	 * A request made of a system prompt and one user message, with the defaults of
	 * {@link #of(List)}.
	 * @param system the instructions
	 * @param user the question
	 * @return the request
	 */
	public static ChatRequest of(String system, String user) {
		return of(List.of(ChatMessage.system(system), ChatMessage.user(user)));
	}

	/**
	 * This request with another temperature.
	 * @param temperature 0 to 2
	 * @return a new request
	 */
	public ChatRequest withTemperature(double temperature) {
		return new ChatRequest(this.messages, temperature, this.maxOutputTokens, this.json, this.deadline);
	}

	/**
	 * This request with another answer length.
	 * @param maxOutputTokens at least 1
	 * @return a new request
	 */
	public ChatRequest withMaxOutputTokens(int maxOutputTokens) {
		return new ChatRequest(this.messages, this.temperature, maxOutputTokens, this.json, this.deadline);
	}

	/**
	 * This request asking for a JSON answer.
	 * @return a new request
	 */
	public ChatRequest asJson() {
		return new ChatRequest(this.messages, this.temperature, this.maxOutputTokens, true, this.deadline);
	}

	/**
	 * This request with a deadline.
	 * @param deadline when the call must be over at the latest, or {@code null} for the
	 * gateway's own
	 * @return a new request
	 */
	public ChatRequest withDeadline(Instant deadline) {
		return new ChatRequest(this.messages, this.temperature, this.maxOutputTokens, this.json, deadline);
	}

	@Override
	public String toString() {
		// never print the messages: they may carry personal data
		return "ChatRequest[messages=" + this.messages.size() + ", temperature=" + this.temperature
				+ ", maxOutputTokens=" + this.maxOutputTokens + ", json=" + this.json + ", deadline=" + this.deadline
				+ "]";
	}

}
