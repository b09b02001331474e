package io.noterag.conversation.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Chooses the context of the next turn: walking back from the newest message, whole
 * messages are taken while both the message limit and the token budget hold. The first
 * message that does not fit ends the walk, so the context is always the unbroken end of
 * the conversation and never a message cut in half.
 */
final class ContextWindow {

	private ContextWindow() {
	}

	/**
	 * The messages that fit.
	 * @param newestFirst the latest messages of the conversation, newest first; one more
	 * than {@code maxMessages} tells whether older ones exist
	 * @param maxMessages most messages to take
	 * @param maxTokens most tokens the taken messages may add up to
	 * @param tokensOf what a message's content takes of the budget; called only for
	 * messages that are considered
	 * @return the chosen messages, oldest first
	 */
	static Selection select(List<Candidate> newestFirst, int maxMessages, int maxTokens,
			ToIntFunction<String> tokensOf) {
		List<ConversationContext.ContextMessage> chosen = new ArrayList<>();
		int total = 0;
		boolean truncated = false;
		for (Candidate candidate : newestFirst) {
			if (chosen.size() == maxMessages) {
				truncated = true;
				break;
			}
			int tokens = tokensOf.applyAsInt(candidate.content());
			if (total + tokens > maxTokens) {
				truncated = true;
				break;
			}
			total += tokens;
			chosen.add(new ConversationContext.ContextMessage(candidate.id(), candidate.role(), candidate.content(),
					candidate.timestamp(), candidate.metadata(), tokens));
		}
		Collections.reverse(chosen);
		return new Selection(List.copyOf(chosen), total, truncated);
	}

	/**
	 * A stored message that may become context.
	 *
	 * @param id its id
	 * @param role its role
	 * @param content its text
	 * @param timestamp when it was stored
	 * @param metadata what was recorded with it
	 */
	record Candidate(UUID id, String role, String content, Instant timestamp, Map<String, Object> metadata) {

	}

	/**
	 * What was chosen.
	 *
	 * @param messages the messages, oldest first
	 * @param totalTokens their tokens added up
	 * @param truncated whether an older message was left out
	 */
	record Selection(List<ConversationContext.ContextMessage> messages, int totalTokens, boolean truncated) {

	}

}
