package io.noterag.query.retrieval.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.noterag.query.retrieval.QueryVariants;
import io.noterag.query.text.ContentWords;

/**
 * Variants of a question written by rules, without a language model: deterministic,
 * cheap, and each aimed at one side of hybrid search.
 * <ol>
 * <li>The question as asked.</li>
 * <li>A declarative form of a wh-question, which reads like the sentence that answers it
 * and so embeds closer to it: "How long are nightly backups retained?" becomes "nightly
 * backups are retained for", "What is a cold berth?" becomes "a cold berth is".</li>
 * <li>Its content words, without question words and stop words ("nightly backups
 * retained"), so that BM25 weighs only the terms that matter.</li>
 * </ol>
 * Variants equal to an earlier one (ignoring case and punctuation) are dropped.
 */
public final class RewrittenQueryVariants implements QueryVariants {

	/** The name reported for variants written by these rules. */
	public static final String NAME = "rules";

	private static final String WH = "what|which|who|where|when|why|how long|how often|how much|how many|how";

	private static final Pattern COPULA = Pattern.compile("^(" + WH + ")\\s+(is|are|was|were)\\s+(.+)$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern AUXILIARY = Pattern.compile(
			"^(" + WH + ")\\s+(do|does|did|can|could|should|would|will|shall|may|might|must)\\s+(.+)$",
			Pattern.CASE_INSENSITIVE);

	/** What the answer to each kind of question usually follows. */
	private static final Map<String, String> ANSWER_LEAD = Map.of("how long", "for", "how often", "every", "when", "on",
			"where", "in", "why", "because");

	private static final Pattern HOW_MUCH = Pattern.compile("^how\\s+(long|often|much|many)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern PARTICIPLE = Pattern.compile(".*(ed|en|wn)$");

	@Override
	public Variants variants(String question, int max, Instant deadline) {
		return new Variants(variants(question, max), NAME, false);
	}

	/**
	 * The variants these rules write.
	 * @param question the question as asked
	 * @param max the most variants wanted, at least 1
	 * @return the question first, then its declarative form and its content words when
	 * they differ
	 */
	public List<String> variants(String question, int max) {
		if (max < 1) {
			throw new IllegalArgumentException("max must be at least 1, got " + max);
		}
		String asked = question.strip();
		Map<String, String> distinct = new LinkedHashMap<>();
		add(distinct, asked);
		add(distinct, declarative(asked));
		add(distinct, contentWords(asked));
		if (distinct.isEmpty()) {
			return List.of(asked);
		}
		return List.copyOf(distinct.values()).subList(0, Math.min(max, distinct.size()));
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The question's content words, in order.
	 * @param question the question
	 * @return them joined by spaces, empty when it has none
	 */
	static String contentWords(String question) {
		List<String> words = new ArrayList<>();
		// "long" and "often" say what kind of answer is wanted, not what it is about
		words.addAll(ContentWords.of(HOW_MUCH.matcher(question.strip()).replaceFirst("")));
		return String.join(" ", words);
	}

	/**
	 * A declarative form of a wh-question.
	 * @param question the question
	 * @return the statement the answer would complete, or {@code null} when the question
	 * has no form these rules know
	 */
	static String declarative(String question) {
		String text = question.strip().replaceAll("[?!.\\s]+$", "").replaceAll("\\s+", " ");
		Matcher copula = COPULA.matcher(text);
		if (copula.matches()) {
			String wh = copula.group(1).toLowerCase(Locale.ROOT);
			String verb = copula.group(2).toLowerCase(Locale.ROOT);
			String rest = copula.group(3);
			int lastSpace = rest.lastIndexOf(' ');
			String statement;
			if (lastSpace > 0 && PARTICIPLE.matcher(rest.substring(lastSpace + 1).toLowerCase(Locale.ROOT)).matches()) {
				// passive: "the key rotated" -> "the key is rotated"
				statement = rest.substring(0, lastSpace) + " " + verb + rest.substring(lastSpace);
			}
			else {
				statement = rest + " " + verb;
			}
			return withLead(statement, wh);
		}
		Matcher auxiliary = AUXILIARY.matcher(text);
		if (auxiliary.matches()) {
			String wh = auxiliary.group(1).toLowerCase(Locale.ROOT);
			String verb = auxiliary.group(2).toLowerCase(Locale.ROOT);
			String rest = auxiliary.group(3);
			String statement = rest;
			if (!verb.startsWith("d")) {
				// a modal stays after the subject: "will we migrate" -> "we will migrate"
				int space = rest.indexOf(' ');
				statement = (space > 0) ? rest.substring(0, space) + " " + verb + rest.substring(space) : rest;
			}
			return withLead(statement, wh);
		}
		return null;
	}

	private static String withLead(String statement, String wh) {
		String lead = ANSWER_LEAD.get(wh);
		return (lead != null) ? statement + " " + lead : statement;
	}

	private static void add(Map<String, String> distinct, String variant) {
		if (variant == null || variant.isBlank()) {
			return;
		}
		String key = String.join(" ", ContentWords.tokens(variant)).toLowerCase(Locale.ROOT);
		if (!key.isEmpty()) {
			distinct.putIfAbsent(key, variant.strip());
		}
	}

}
