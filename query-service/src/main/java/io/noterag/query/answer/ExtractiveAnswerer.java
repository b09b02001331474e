package io.noterag.query.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.noterag.query.answer.internal.SentenceSplitter;
import io.noterag.query.answer.internal.TermAnalyzer;
import io.noterag.query.answer.internal.TextUnit;
import io.noterag.query.answer.internal.UnitKind;
import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.vector.ChunkRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Answers without a language model: splits the retrieved chunks into sentences (whole
 * steps and table rows), scores each by the question terms it shares, weighted by how
 * rare each term is among the candidates, and by its chunk's retrieval score, and quotes
 * the best one and up to a few more that add something (no near-duplicates, another
 * document only on more than one shared term), in reading order per source, each tagged
 * with the number of its source. Says so honestly when no sentence shares a content term
 * with the question.
 */
@Component
public class ExtractiveAnswerer implements DisposableBean {

	/** The generator's name in response metadata and analytics. */
	public static final String GENERATOR = "extractive";

	/**
	 * How much a question term counts when only the heading or title around a unit has
	 * it.
	 */
	private static final double CONTEXT_WEIGHT = 0.4;

	private static final double DUPLICATE_SIMILARITY = 0.75;

	/** How much a question term counts again once a quoted unit has it. */
	private static final double REPEATED_TERM_WEIGHT = 0.35;

	private final SentenceSplitter splitter = new SentenceSplitter();

	private final TermAnalyzer analyzer = new TermAnalyzer();

	private final AnswerProperties properties;

	public ExtractiveAnswerer(AnswerProperties properties) {
		this.properties = properties;
	}

	/**
	 * Answers a question from retrieved chunks.
	 * @param question the question
	 * @param chunks the retrieved chunks, best first
	 * @return the answer with its sources, or {@link Answer#notFound()}
	 */
	public Answer answer(String question, List<RetrievedChunk> chunks) {
		Set<String> questionTerms = new LinkedHashSet<>(this.analyzer.terms(question));
		if (questionTerms.isEmpty() || chunks.isEmpty()) {
			return Answer.notFound();
		}
		Map<RetrievedChunk, List<Candidate>> byChunk = candidates(chunks);
		List<Candidate> all = byChunk.values().stream().flatMap(List::stream).toList();
		Scoring scoring = score(all, questionTerms, chunks);
		List<Candidate> selected = select(all, scoring);
		if (selected.isEmpty()) {
			return Answer.notFound();
		}
		return compose(selected, byChunk, chunks);
	}

	private Map<RetrievedChunk, List<Candidate>> candidates(List<RetrievedChunk> chunks) {
		Map<RetrievedChunk, List<Candidate>> byChunk = new LinkedHashMap<>();
		for (RetrievedChunk retrieved : chunks) {
			ChunkRecord chunk = retrieved.chunk();
			Set<String> chunkContext = termSet(nullToEmpty(chunk.title()) + " " + chunk.heading());
			List<Candidate> list = new ArrayList<>();
			for (TextUnit unit : this.splitter.split(chunk.text())) {
				Set<String> written = termSet(unit.text());
				// a table row means what its header says
				Set<String> own = new HashSet<>(written);
				own.addAll(termSet(unit.tableHeader()));
				Set<String> context = termSet(unit.heading());
				context.addAll(chunkContext);
				list.add(new Candidate(retrieved, unit, written, own, context));
			}
			byChunk.put(retrieved, list);
		}
		return byChunk;
	}

	private Scoring score(List<Candidate> all, Set<String> questionTerms, List<RetrievedChunk> chunks) {
		int n = all.size();
		Map<String, Double> idf = new HashMap<>();
		double total = 0;
		for (String term : questionTerms) {
			long df = all.stream().filter((c) -> c.own.contains(term)).count();
			double weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
			idf.put(term, weight);
			total += weight;
		}
		Scoring scoring = new Scoring(idf, total);
		double top = chunks.stream().mapToDouble(RetrievedChunk::score).max().orElse(0);
		for (Candidate candidate : all) {
			for (String term : questionTerms) {
				if (candidate.own.contains(term)) {
					candidate.ownMatched.add(term);
				}
				else if (candidate.context.contains(term)) {
					candidate.contextMatched.add(term);
				}
			}
			RetrievedChunk retrieved = candidate.retrieved;
			double prior = (top > 0) ? Math.max(0, retrieved.score()) / top : 1.0 / (1 + retrieved.rank());
			candidate.factor = (0.7 + 0.3 * prior) * lengthFactor(candidate.unit)
					* (candidate.unit.fragment() ? 0.6 : 1.0);
			boolean sharesATerm = candidate.written.stream().anyMatch(questionTerms::contains);
			candidate.score = sharesATerm ? scoring.value(candidate, Set.of()) : 0;
		}
		return scoring;
	}

	private static double lengthFactor(TextUnit unit) {
		int words = unit.text().split("\\s+").length;
		if (words < 4) {
			return 0.6;
		}
		return (words > 60) ? 0.85 : 1.0;
	}

	/**
	 * The best unit, then, while they score high enough, the units that add most: a
	 * question term already quoted counts for less, so that further units bring something
	 * new rather than repeat the first.
	 */
	private List<Candidate> select(List<Candidate> all, Scoring scoring) {
		List<Candidate> remaining = new ArrayList<>(all.stream()
			.filter((c) -> c.score > 0)
			.sorted(Comparator.comparingDouble((Candidate c) -> c.score)
				.reversed()
				.thenComparingInt((c) -> c.retrieved.rank())
				.thenComparingInt((c) -> c.unit.position()))
			.toList());
		List<Candidate> selected = new ArrayList<>();
		if (remaining.isEmpty()) {
			return selected;
		}
		Candidate best = remaining.remove(0);
		selected.add(best);
		Set<String> covered = new HashSet<>(best.ownMatched);
		covered.addAll(best.contextMatched);
		while (selected.size() < this.properties.maxSentences()) {
			remaining.removeIf((c) -> selected.stream().anyMatch((s) -> duplicates(s, c)));
			double ratio = (selected.size() < this.properties.minSentences()) ? this.properties.secondSentenceRatio()
					: this.properties.extraSentenceRatio();
			Set<String> quotedDocuments = new HashSet<>();
			selected.forEach((c) -> quotedDocuments.add(c.retrieved.chunk().documentId()));
			Candidate next = null;
			double nextValue = 0;
			for (Candidate candidate : remaining) {
				double value = scoring.value(candidate, covered);
				// another document must earn its place: more than one shared term, a
				// higher bar
				boolean otherDocument = !quotedDocuments.contains(candidate.retrieved.chunk().documentId());
				double bar = (otherDocument ? Math.max(ratio, this.properties.extraSentenceRatio()) : ratio)
						* best.score;
				if ((otherDocument && candidate.ownMatched.size() < 2) || value < bar) {
					continue;
				}
				if (value > nextValue) {
					next = candidate;
					nextValue = value;
				}
			}
			if (next == null) {
				break;
			}
			selected.add(next);
			remaining.remove(next);
			covered.addAll(next.ownMatched);
			covered.addAll(next.contextMatched);
		}
		return selected;
	}

	private static boolean duplicates(Candidate a, Candidate b) {
		String left = a.unit.text().toLowerCase();
		String right = b.unit.text().toLowerCase();
		if (left.contains(right) || right.contains(left)) {
			return true;
		}
		if (a.own.isEmpty() || b.own.isEmpty()) {
			return false;
		}
		Set<String> union = new HashSet<>(a.own);
		union.addAll(b.own);
		long shared = a.own.stream().filter(b.own::contains).count();
		return (double) shared / union.size() >= DUPLICATE_SIMILARITY;
	}

	private Answer compose(List<Candidate> selected, Map<RetrievedChunk, List<Candidate>> byChunk,
			List<RetrievedChunk> chunks) {
		// sources numbered by their best quoted sentence: the main support is [1]
		Map<String, List<Candidate>> bySource = new LinkedHashMap<>();
		for (Candidate candidate : selected) {
			bySource.computeIfAbsent(candidate.retrieved.chunk().documentId(), (k) -> new ArrayList<>()).add(candidate);
		}
		List<AnswerSource> sources = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		UnitKind previous = null;
		int number = 0;
		for (List<Candidate> quoted : bySource.values()) {
			number++;
			Candidate best = quoted.get(0);
			sources.add(new AnswerSource(number, best.retrieved.chunk(), best.retrieved.score(),
					snippet(best, byChunk.get(best.retrieved)), true));
			List<Candidate> inOrder = quoted.stream()
				.sorted(Comparator.comparingInt((Candidate c) -> c.retrieved.chunk().chunkIndex())
					.thenComparingInt((c) -> c.unit.position()))
				.toList();
			String tableHeader = null;
			for (Candidate candidate : inOrder) {
				TextUnit unit = candidate.unit;
				UnitKind kind = unit.kind();
				if (!text.isEmpty()) {
					text.append((kind.standsAlone() || (previous != null && previous.standsAlone())) ? "\n" : " ");
				}
				// rows of one table share one header line
				boolean sameTable = kind == UnitKind.TABLE_ROW && !unit.tableHeader().isEmpty()
						&& unit.tableHeader().equals(tableHeader);
				text.append(sameTable ? unit.text() + " [" + number + "]" : tag(unit, number));
				tableHeader = (kind == UnitKind.TABLE_ROW) ? unit.tableHeader() : null;
				previous = kind;
			}
		}
		Set<String> listed = new HashSet<>(bySource.keySet());
		for (RetrievedChunk retrieved : chunks) {
			if (listed.add(retrieved.chunk().documentId())) {
				List<Candidate> units = byChunk.get(retrieved);
				Candidate best = units.stream().max(Comparator.comparingDouble((Candidate c) -> c.score)).orElse(null);
				String snippet = (best != null) ? snippet(best, units) : cut(retrieved.chunk().text());
				sources.add(new AnswerSource(++number, retrieved.chunk(), retrieved.score(), snippet, false));
			}
		}
		return new Answer(text.toString(), sources, true);
	}

	private static String tag(TextUnit unit, int number) {
		String text = unit.display();
		String marker = " [" + number + "]";
		char last = text.charAt(text.length() - 1);
		if (unit.kind() != UnitKind.TABLE_ROW && (last == '.' || last == '!' || last == '?')) {
			return text.substring(0, text.length() - 1) + marker + last;
		}
		return text + marker;
	}

	/**
	 * The passage of a chunk that best matches a question: the sentence (or line) holding
	 * the most question terms and what follows it, up to the snippet length (the chunk's
	 * start when none holds a term).
	 * @param question the question or search query
	 * @param chunk the chunk
	 * @return the snippet
	 */
	public String snippet(String question, ChunkRecord chunk) {
		return snippets(question, List.of(chunk)).get(0);
	}

	/**
	 * The snippet of each chunk for one question, as {@link #snippet} makes it. Cheap
	 * enough for a hundred search results: the question is analysed once, and a chunk's
	 * sentences are matched against the question's stems as word prefixes rather than
	 * analysed themselves.
	 * @param question the question or search query
	 * @param chunks the chunks
	 * @return one snippet per chunk, in order
	 */
	public List<String> snippets(String question, List<ChunkRecord> chunks) {
		List<String> stems = new ArrayList<>(termSet(question));
		List<String> snippets = new ArrayList<>(chunks.size());
		for (ChunkRecord chunk : chunks) {
			String text = chunk.text();
			int from = stems.isEmpty() ? 0 : bestSentenceStart(text, stems);
			int to = Math.min(text.length(), from + 2 * this.properties.snippetLength());
			snippets.add(cut(text.substring(from, to)));
		}
		return snippets;
	}

	/** Where the sentence with the most distinct stems starts; 0 when none has one. */
	private static int bestSentenceStart(String text, List<String> stems) {
		String lower = text.toLowerCase(java.util.Locale.ROOT);
		int bestStart = 0;
		int bestMatches = 0;
		int start = 0;
		while (start < lower.length()) {
			int end = sentenceEnd(lower, start);
			int matches = 0;
			for (String stem : stems) {
				if (containsWordStartingWith(lower, start, end, stem)) {
					matches++;
				}
			}
			if (matches > bestMatches) {
				bestMatches = matches;
				bestStart = start;
			}
			start = end;
			while (start < lower.length() && Character.isWhitespace(lower.charAt(start))) {
				start++;
			}
		}
		return bestStart;
	}

	/**
	 * The end of the sentence from {@code start}: after . ! ? and a space, or a line
	 * break.
	 */
	private static int sentenceEnd(String text, int start) {
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				return i + 1;
			}
			if ((c == '.' || c == '!' || c == '?') && i + 1 < text.length()
					&& Character.isWhitespace(text.charAt(i + 1))) {
				return i + 1;
			}
		}
		return text.length();
	}

	/**
	 * Whether a word in {@code text[from, to)} starts with the stem (a Porter stem is
	 * mostly a prefix of its words; a stem ending in "i" from a word ending in "y" is
	 * tried without its "i").
	 */
	private static boolean containsWordStartingWith(String text, int from, int to, String stem) {
		String prefix = (stem.length() > 3 && stem.endsWith("i")) ? stem.substring(0, stem.length() - 1) : stem;
		int at = text.indexOf(prefix, from);
		while (at >= 0 && at + prefix.length() <= to) {
			if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
				return true;
			}
			at = text.indexOf(prefix, at + 1);
		}
		return false;
	}

	/**
	 * The best matching unit and what follows it in its chunk, up to the snippet length.
	 */
	private String snippet(Candidate from, List<Candidate> chunkUnits) {
		return snippetFrom(from.unit, chunkUnits.stream().map((candidate) -> candidate.unit).toList());
	}

	private String snippetFrom(TextUnit from, List<TextUnit> chunkUnits) {
		StringBuilder snippet = new StringBuilder();
		for (TextUnit unit : chunkUnits) {
			if (unit.position() < from.position()) {
				continue;
			}
			String text = unit.display().replace('\n', ' ');
			if (snippet.isEmpty()) {
				if (text.length() > this.properties.snippetLength()) {
					return cut(text);
				}
				snippet.append(text);
			}
			else if (snippet.length() + 1 + text.length() <= this.properties.snippetLength()) {
				snippet.append(' ').append(text);
			}
			else {
				break;
			}
		}
		return snippet.toString();
	}

	private String cut(String text) {
		String flat = collapseWhitespace(text);
		int limit = this.properties.snippetLength();
		if (flat.length() <= limit) {
			return flat;
		}
		int space = flat.lastIndexOf(' ', limit);
		return flat.substring(0, (space > limit / 2) ? space : limit) + "…";
	}

	private static String collapseWhitespace(String text) {
		StringBuilder flat = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = !flat.isEmpty();
			}
			else {
				if (space) {
					flat.append(' ');
					space = false;
				}
				flat.append(c);
			}
		}
		return flat.toString();
	}

	private Set<String> termSet(String text) {
		return new HashSet<>(this.analyzer.terms(text));
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	@Override
	public void destroy() {
		this.analyzer.close();
	}

	/** The question terms' rarity among the candidate units. */
	private record Scoring(Map<String, Double> idf, double total) {

		/**
		 * A unit's score: the rarity of the question terms it has (a term in the heading
		 * or table header around it counts less, a term already quoted counts less), as a
		 * share of all the question's terms, times its factor.
		 */
		double value(Candidate candidate, Set<String> covered) {
			double sum = 0;
			for (String term : candidate.ownMatched) {
				sum += this.idf.get(term) * (covered.contains(term) ? REPEATED_TERM_WEIGHT : 1.0);
			}
			for (String term : candidate.contextMatched) {
				sum += CONTEXT_WEIGHT * this.idf.get(term) * (covered.contains(term) ? REPEATED_TERM_WEIGHT : 1.0);
			}
			return (this.total > 0) ? candidate.factor * sum / this.total : 0;
		}

	}

	private static final class Candidate {

		private final RetrievedChunk retrieved;

		private final TextUnit unit;

		/**
		 * The terms of the unit's own text: a unit is quoted only when one is the
		 * question's.
		 */
		private final Set<String> written;

		private final Set<String> own;

		private final Set<String> context;

		private final Set<String> ownMatched = new HashSet<>();

		private final Set<String> contextMatched = new HashSet<>();

		/**
		 * What the retrieval rank, the length and a cut make of the unit's term score.
		 */
		private double factor;

		private double score;

		Candidate(RetrievedChunk retrieved, TextUnit unit, Set<String> written, Set<String> own, Set<String> context) {
			this.retrieved = retrieved;
			this.unit = unit;
			this.written = written;
			this.own = own;
			this.context = context;
		}

	}

}
