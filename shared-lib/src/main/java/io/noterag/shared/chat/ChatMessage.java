package io.noterag.shared.chat;

import java.util.Objects;

/**
 * One message of a conversation sent to a language model.
 *
 * @param role who speaks
 * @param content what is said; may be empty but not {@code null}
 */
public record ChatMessage(Role role, String content) {

	/**
	 * Checks the message.
	 * @param role who speaks
	 * @param content what is said
	 */
	public ChatMessage {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(content, "content");
	}

	/**
	 * Instructions to the model.
	 * @param content the instructions
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return new ChatMessage(Role.SYSTEM, content);
	}

	/**
	 * What the user says or asks.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return new ChatMessage(Role.USER, content);
	}

	/**
	 * An earlier answer of the model, to continue a conversation.
	 * @param content the answer
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return new ChatMessage(Role.ASSISTANT, content);
	}

	@Override
	public String toString() {
		// never print the content: it may carry personal data
		return "ChatMessage[role=" + this.role + ", content=" + this.content.length() + " chars]";
	}

	/** Who speaks in a {@link ChatMessage}. */
	public enum Role {

		/** Instructions to the model. */
		SYSTEM,

		/** The user. */
		USER,

		/** The model itself, in an earlier turn. */
		ASSISTANT

	}

}
