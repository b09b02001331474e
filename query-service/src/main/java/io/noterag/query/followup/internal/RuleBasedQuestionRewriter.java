package io.noterag.query.followup.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;
import io.noterag.query.text.ContentWords;

/**
 * Rewrites follow-ups without a language model. A question is a follow-up when it refers
 * back ("it", "its", "they", "this", "that one", "the same", ...), starts like a
 * continuation ("and ...", "what about ...", "also ..."), or has at most two content
 * words. A follow-up gets the topic of the previous question put before it: that
 * question's own standalone form (stored in its metadata) or its text, reduced to its
 * content words, e.g. "How do I rotate the on-call pager?" then "and what is its second
 * step?" becomes "rotate on-call pager: and what is its second step?". Deterministic.
 */
public class RuleBasedQuestionRewriter implements QuestionRewriter {

	private static final Set<String> REFERRING = Set.copyOf(List.of("it", "its", "it's", "they", "them", "their",
			"theirs", "this", "that", "these", "those", "he", "she", "him", "her", "his", "hers", "there", "one",
			"ones", "same", "former", "latter", "above", "previous", "aforementioned", "such", "else"));

	private static final List<String> CONTINUATIONS = List.of("and ", "and,", "also ", "what about ", "how about ",
			"then ", "so ", "but ", "or ", "plus ", "what else", "anything else", "more about ", "why not");

	private static final int MAX_OWN_CONTENT_WORDS = 2;

	@Override
	public Rewritten rewrite(String question, List<ConversationContext.Message> history, Instant deadline) {
		String previous = previousQuestion(history);
		if (previous == null || !isFollowUp(question)) {
			return new Rewritten(question, false);
		}
		List<String> topic = contentWords(previous);
		if (topic.isEmpty()) {
			return new Rewritten(question, false);
		}
		return new Rewritten(String.join(" ", topic) + ": " + question, true);
	}

	@Override
	public String name() {
		return "rules";
	}

	static boolean isFollowUp(String question) {
		String lower = question.strip().toLowerCase(Locale.ROOT);
		for (String start : CONTINUATIONS) {
			if (lower.startsWith(start)) {
				return true;
			}
		}
		for (String word : ContentWords.tokens(lower)) {
			if (REFERRING.contains(word)) {
				return true;
			}
		}
		return contentWords(question).size() <= MAX_OWN_CONTENT_WORDS;
	}

	/** The last user question before this one, in its standalone form when stored. */
	private static String previousQuestion(List<ConversationContext.Message> history) {
		for (int i = history.size() - 1; i >= 0; i--) {
			ConversationContext.Message message = history.get(i);
			if (!"user".equals(message.role())) {
				continue;
			}
			Map<String, Object> metadata = message.metadata();
			if (metadata != null && metadata.get(STANDALONE_KEY) instanceof String standalone
					&& !standalone.isBlank()) {
				return standalone;
			}
			return (message.content() != null && !message.content().isBlank()) ? message.content() : null;
		}
		return null;
	}

	/** The words of a text that carry its topic, in order, each once, case kept. */
	static List<String> contentWords(String text) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> kept = new ArrayList<>();
		for (String word : ContentWords.of(text)) {
			if (seen.add(word.toLowerCase(Locale.ROOT))) {
				kept.add(word);
			}
		}
		return kept;
	}

}
