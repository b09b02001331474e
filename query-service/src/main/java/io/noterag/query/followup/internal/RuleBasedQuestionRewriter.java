package io.noterag.query.followup.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;

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

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’#._/-]*");

	private static final Set<String> REFERRING = Set.copyOf(List.of("it", "its", "it's", "they", "them", "their",
			"theirs", "this", "that", "these", "those", "he", "she", "him", "her", "his", "hers", "there", "one",
			"ones", "same", "former", "latter", "above", "previous", "aforementioned", "such", "else"));

	private static final List<String> CONTINUATIONS = List.of("and ", "and,", "also ", "what about ", "how about ",
			"then ", "so ", "but ", "or ", "plus ", "what else", "anything else", "more about ", "why not");

	private static final Set<String> FUNCTION_WORDS = Set
		.copyOf(List.of("a", "an", "the", "and", "or", "but", "if", "then", "else", "so", "of", "to", "in", "on", "at",
				"by", "for", "with", "about", "from", "into", "onto", "over", "under", "as", "is", "are", "was", "were",
				"be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "can", "could",
				"should", "would", "will", "shall", "may", "might", "must", "what", "which", "who", "whom", "whose",
				"when", "where", "why", "how", "many", "much", "i", "me", "my", "we", "our", "us", "you", "your", "it",
				"its", "it's", "they", "them", "their", "this", "that", "these", "those", "he", "she", "him", "her",
				"his", "there", "here", "one", "ones", "same", "also", "please", "tell", "explain", "describe", "know",
				"any", "some", "all", "not", "no", "yes", "there's", "what's", "who's", "where's", "how's", "again",
				"more", "else", "other", "another", "just", "only", "very", "too", "than", "up", "out", "get", "got"));

	private static final int MAX_OWN_CONTENT_WORDS = 2;

	@Override
	public Rewritten rewrite(String question, List<ConversationContext.Message> history) {
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
		List<String> words = words(lower);
		for (String word : words) {
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
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			String word = trimTrailingPunctuation(matcher.group());
			String lower = word.toLowerCase(Locale.ROOT);
			if (word.isEmpty() || FUNCTION_WORDS.contains(lower) || !seen.add(lower)) {
				continue;
			}
			kept.add(word);
		}
		return kept;
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			words.add(trimTrailingPunctuation(matcher.group()));
		}
		return words;
	}

	private static String trimTrailingPunctuation(String word) {
		int end = word.length();
		while (end > 0 && ".-_/#'’".indexOf(word.charAt(end - 1)) >= 0) {
			end--;
		}
		return word.substring(0, end);
	}

}
