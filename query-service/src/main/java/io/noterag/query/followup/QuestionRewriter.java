package io.noterag.query.followup;

import java.time.Instant;
import java.util.List;

import io.noterag.query.conversation.ConversationContext;

/**
 * Turns a follow-up question ("and what is its second step?") into one that stands on its
 * own, from the conversation so far, before retrieval. A question that already stands on
 * its own is returned unchanged.
 */
public interface QuestionRewriter {

	/**
	 * The metadata key under which a stored user message keeps the standalone form of its
	 * question, so that the next follow-up builds on it.
	 */
	String STANDALONE_KEY = "standalone_question";

	/**
	 * Rewrites a question in the light of the conversation so far.
	 * @param question the new question, trimmed
	 * @param history the conversation's recent messages, oldest first
	 * @param deadline when a language model asked for it must have answered, or
	 * {@code null} for the model's own deadline
	 * @return the question to search and answer with
	 */
	Rewritten rewrite(String question, List<ConversationContext.Message> history, Instant deadline);

	/**
	 * Rewrites a question without a deadline of its own.
	 * @param question the new question, trimmed
	 * @param history the conversation's recent messages, oldest first
	 * @return the question to search and answer with
	 */
	default Rewritten rewrite(String question, List<ConversationContext.Message> history) {
		return rewrite(question, history, null);
	}

	/**
	 * The rewriter's name, as reported in metadata.
	 * @return e.g. {@code rules}
	 */
	String name();

	/**
	 * A question ready for retrieval.
	 *
	 * @param question the standalone question
	 * @param rewritten whether it differs from the question asked
	 */
	record Rewritten(String question, boolean rewritten) {
	}

}
