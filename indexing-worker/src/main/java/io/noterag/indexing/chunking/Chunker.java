package io.noterag.indexing.chunking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.noterag.indexing.chunking.internal.Sentences;
import io.noterag.indexing.extraction.Block;
import io.noterag.indexing.extraction.Block.Kind;

/**
 * Cuts a document's blocks into chunks that are token-aware, heading-aware and
 * overlapping.
 * <ul>
 * <li>Sections: a chunk never spans two top-level sections (the shallowest heading level
 * that occurs more than once, so a single title heading does not count); smaller
 * subsections inside one top-level section share a chunk when they fit, and the chunk's
 * heading is the path they have in common.</li>
 * <li>Size: chunks are filled up to the target size with whole blocks; a paragraph larger
 * than the target is cut between sentences, a sentence larger than the target between
 * words. A list or a table (with the paragraph ending in {@code :} that introduces it)
 * stays whole when it fits in the maximum; a longer table is cut between rows and every
 * continuation starts with its header row. A heading never ends a chunk.</li>
 * <li>Overlap: a chunk starts with the last whole sentences of the previous chunk of the
 * same top-level section, up to the overlap size.</li>
 * <li>Limit: the text the model reads (title and heading prefix, text, special tokens)
 * never exceeds the maximum.</li>
 * </ul>
 * The chunk text is the document's text as extracted, blocks separated by line breaks.
 */
public class Chunker {

	private static final String PATH_SEPARATOR = " > ";

	/** [CLS] and [SEP]. */
	private static final int SPECIAL_TOKENS = 2;

	private final TokenCounter counter;

	private final ChunkingProperties properties;

	public Chunker(TokenCounter counter, ChunkingProperties properties) {
		this.counter = counter;
		this.properties = properties;
	}

	public TokenCounter tokenCounter() {
		return this.counter;
	}

	/**
	 * Chunks a document.
	 * @param title the document's title, prefixed to what the model reads
	 * @param blocks the document's blocks in reading order
	 * @return its chunks, numbered from 0; empty when there is no text
	 */
	public List<Chunk> chunk(String title, List<Block> blocks) {
		Run run = new Run(fitPrefix(title));
		List<List<Item>> segments = segments(blocks);
		for (List<Item> segment : segments) {
			run.pack(packets(units(segment)));
		}
		if (run.chunks.isEmpty() && !run.leftoverHeadings.isEmpty()) {
			run.emit(run.leftoverHeadings);
		}
		return run.chunks;
	}

	/**
	 * The level at and above which headings separate chunks: the shallowest level that
	 * occurs more than once, or the shallowest when none repeats.
	 */
	static int boundaryLevel(List<Block> blocks) {
		int[] counts = new int[7];
		for (Block block : blocks) {
			if (block.kind() == Kind.HEADING) {
				counts[block.level()]++;
			}
		}
		int shallowest = 0;
		for (int level = 1; level <= 6; level++) {
			if (counts[level] > 0) {
				if (shallowest == 0) {
					shallowest = level;
				}
				if (counts[level] > 1) {
					return level;
				}
			}
		}
		return shallowest;
	}

	private List<List<Item>> segments(List<Block> blocks) {
		int boundary = boundaryLevel(blocks);
		String[] path = new String[7];
		List<List<Item>> segments = new ArrayList<>();
		List<Item> current = new ArrayList<>();
		for (Block block : blocks) {
			if (block.text().isBlank()) {
				continue;
			}
			if (block.kind() == Kind.HEADING) {
				if (block.level() <= boundary
						&& current.stream().anyMatch((item) -> item.block.kind() != Kind.HEADING)) {
					segments.add(current);
					current = new ArrayList<>();
				}
				path[block.level()] = block.text();
				for (int deeper = block.level() + 1; deeper <= 6; deeper++) {
					path[deeper] = null;
				}
			}
			current.add(new Item(block, pathOf(path)));
		}
		if (!current.isEmpty()) {
			segments.add(current);
		}
		return segments;
	}

	private static List<String> pathOf(String[] path) {
		List<String> headings = new ArrayList<>();
		for (int level = 1; level <= 6; level++) {
			if (path[level] != null) {
				headings.add(path[level]);
			}
		}
		return List.copyOf(headings);
	}

	private List<Unit> units(List<Item> segment) {
		int target = this.properties.targetTokens();
		List<Unit> units = new ArrayList<>();
		for (Item item : segment) {
			Block block = item.block;
			int tokens = this.counter.count(block.text());
			if (tokens <= target) {
				units.add(new Unit(block.text(), tokens, item.path, block, false, false));
				continue;
			}
			List<Piece> pieces = (block.kind() == Kind.CODE) ? splitLines(block.text(), target)
					: splitSentences(block.text(), target);
			for (int i = 0; i < pieces.size(); i++) {
				Piece piece = pieces.get(i);
				boolean continuation = i > 0;
				units.add(new Unit(piece.text, piece.tokens, item.path, block,
						continuation && block.kind() != Kind.CODE, false));
			}
		}
		return units;
	}

	private List<Packet> packets(List<Unit> units) {
		List<Packet> packets = new ArrayList<>();
		int i = 0;
		while (i < units.size()) {
			Unit unit = units.get(i);
			Block block = unit.block;
			boolean grouped = block.group() > 0 && (block.kind() == Kind.LIST_ITEM || block.kind() == Kind.TABLE_ROW);
			if (!grouped) {
				packets.add(new Packet(List.of(unit)));
				i++;
				continue;
			}
			List<Unit> members = new ArrayList<>();
			if (!packets.isEmpty()) {
				Packet previous = packets.getLast();
				Unit last = previous.units.getLast();
				if (previous.units.size() == 1 && last.block.kind() == Kind.PARAGRAPH && last.text.endsWith(":")) {
					packets.removeLast();
					members.add(last);
				}
			}
			int group = block.group();
			Kind kind = block.kind();
			while (i < units.size() && units.get(i).block.group() == group && units.get(i).block.kind() == kind) {
				members.add(units.get(i));
				i++;
			}
			packets.add(new Packet(members));
		}
		return packets;
	}

	private List<Piece> splitSentences(String text, int limit) {
		List<Piece> pieces = new ArrayList<>();
		for (String sentence : Sentences.split(text)) {
			int tokens = this.counter.count(sentence);
			if (tokens <= limit) {
				pieces.add(new Piece(sentence, tokens));
			}
			else {
				pieces.addAll(splitWords(sentence, limit));
			}
		}
		return pieces;
	}

	private List<Piece> splitLines(String code, int limit) {
		List<Piece> pieces = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int currentTokens = 0;
		for (String line : code.split("\n")) {
			int tokens = this.counter.count(line);
			if (tokens > limit) {
				if (!current.isEmpty()) {
					pieces.add(new Piece(current.toString(), currentTokens));
					current.setLength(0);
					currentTokens = 0;
				}
				pieces.addAll(splitWords(line, limit));
				continue;
			}
			if (currentTokens + tokens > limit && !current.isEmpty()) {
				pieces.add(new Piece(current.toString(), currentTokens));
				current.setLength(0);
				currentTokens = 0;
			}
			if (!current.isEmpty()) {
				current.append('\n');
			}
			current.append(line);
			currentTokens += tokens;
		}
		if (!current.toString().isBlank()) {
			pieces.add(new Piece(current.toString(), currentTokens));
		}
		return pieces;
	}

	private List<Piece> splitWords(String text, int limit) {
		List<Piece> pieces = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int currentTokens = 0;
		for (String word : Sentences.words(text)) {
			int tokens = this.counter.count(word);
			if (tokens > limit) {
				if (!current.isEmpty()) {
					pieces.add(new Piece(current.toString(), currentTokens));
					current.setLength(0);
					currentTokens = 0;
				}
				pieces.addAll(splitCharacters(word, limit));
				continue;
			}
			if (currentTokens + tokens > limit && !current.isEmpty()) {
				pieces.add(new Piece(current.toString(), currentTokens));
				current.setLength(0);
				currentTokens = 0;
			}
			if (!current.isEmpty()) {
				current.append(' ');
			}
			current.append(word);
			currentTokens += tokens;
		}
		if (!current.isEmpty()) {
			pieces.add(new Piece(current.toString(), currentTokens));
		}
		return pieces;
	}

	private List<Piece> splitCharacters(String word, int limit) {
		List<Piece> pieces = new ArrayList<>();
		int start = 0;
		while (start < word.length()) {
			int end = Math.min(word.length(), start + limit);
			int tokens = this.counter.count(word.substring(start, end));
			while (tokens > limit && end - start > 1) {
				end = start + (end - start) / 2;
				tokens = this.counter.count(word.substring(start, end));
			}
			pieces.add(new Piece(word.substring(start, end), tokens));
			start = end;
		}
		return pieces;
	}

	private String fitPrefix(String title) {
		String clean = (title != null) ? title.strip() : "";
		return fitToTokens(clean, this.properties.maxPrefixTokens());
	}

	private String fitToTokens(String text, int limit) {
		if (this.counter.count(text) <= limit) {
			return text;
		}
		StringBuilder fitted = new StringBuilder();
		int tokens = 0;
		for (String word : Sentences.words(text)) {
			int wordTokens = this.counter.count(word);
			if (tokens + wordTokens > limit) {
				break;
			}
			if (!fitted.isEmpty()) {
				fitted.append(' ');
			}
			fitted.append(word);
			tokens += wordTokens;
		}
		return fitted.toString();
	}

	private static List<String> commonPath(List<Unit> units) {
		List<String> common = null;
		for (Unit unit : units) {
			if (common == null) {
				common = new ArrayList<>(unit.path);
				continue;
			}
			int size = 0;
			while (size < common.size() && size < unit.path.size() && common.get(size).equals(unit.path.get(size))) {
				size++;
			}
			common = new ArrayList<>(common.subList(0, size));
		}
		return (common != null) ? common : List.of();
	}

	/** Packs the packets of one document into chunks. */
	private final class Run {

		private final String title;

		private final List<Chunk> chunks = new ArrayList<>();

		private final int target = Chunker.this.properties.targetTokens();

		private final int hardLimit = Chunker.this.properties.maxTokens() - SPECIAL_TOKENS
				- Chunker.this.properties.maxPrefixTokens();

		private List<Unit> leftoverHeadings = List.of();

		private final List<Unit> current = new ArrayList<>();

		private final Map<Integer, Unit> splitTableHeaders = new HashMap<>();

		Run(String title) {
			this.title = title;
		}

		void pack(List<Packet> packets) {
			Deque<Packet> queue = new ArrayDeque<>(packets);
			this.current.clear();
			while (!queue.isEmpty()) {
				Packet packet = queue.poll();
				int size = tokens(this.current);
				if (size + packet.tokens() <= this.target) {
					this.current.addAll(packet.units);
					continue;
				}
				boolean empty = !hasNewContent();
				if (packet.units.size() > 1 && packet.tokens() > this.hardLimit) {
					explode(packet, queue);
					continue;
				}
				if (empty) {
					dropOverlapUntilFits(packet.tokens());
					this.current.addAll(packet.units);
					continue;
				}
				if (packet.units.size() > 1 && size <= this.target / 4 && size + packet.tokens() <= this.hardLimit) {
					this.current.addAll(packet.units);
					continue;
				}
				flush(packet, true);
				dropOverlapUntilFits(packet.tokens());
				this.current.addAll(packet.units);
			}
			flush(null, false);
		}

		private void explode(Packet packet, Deque<Packet> queue) {
			Unit header = packet.units.stream()
				.filter((unit) -> unit.block.kind() == Kind.TABLE_ROW && unit.block.header())
				.findFirst()
				.orElse(null);
			if (header != null) {
				this.splitTableHeaders.put(header.block.group(), header);
			}
			List<Packet> singles = new ArrayList<>();
			for (Unit unit : packet.units) {
				singles.add(new Packet(List.of(unit)));
			}
			for (int i = singles.size() - 1; i >= 0; i--) {
				queue.addFirst(singles.get(i));
			}
		}

		/**
		 * Emits the current chunk. When the section goes on, starts the next chunk with
		 * the overlap (or the header row of the table being continued), and moves
		 * headings that ended the chunk to the start of the next one.
		 */
		private void flush(Packet next, boolean continues) {
			List<Unit> trailingHeadings = new ArrayList<>();
			while (!this.current.isEmpty() && this.current.getLast().block.kind() == Kind.HEADING
					&& !this.current.getLast().overlap) {
				trailingHeadings.addFirst(this.current.removeLast());
			}
			List<Unit> emitted = new ArrayList<>(this.current);
			this.current.clear();
			if (emitted.stream().anyMatch((unit) -> !unit.overlap)) {
				emit(emitted);
			}
			if (!continues) {
				if (this.chunks.isEmpty()) {
					this.leftoverHeadings = List.copyOf(trailingHeadings);
				}
				return;
			}
			if (trailingHeadings.isEmpty()) {
				Unit tableHeader = (next != null) ? continuedTableHeader(next) : null;
				if (tableHeader != null) {
					this.current.add(tableHeader.asOverlap());
				}
				else {
					this.current.addAll(overlapOf(emitted));
				}
			}
			this.current.addAll(trailingHeadings);
		}

		private Unit continuedTableHeader(Packet next) {
			Unit first = next.units.getFirst();
			if (first.block.kind() != Kind.TABLE_ROW) {
				return null;
			}
			Unit header = this.splitTableHeaders.get(first.block.group());
			return (header != null && header != first) ? header : null;
		}

		private List<Unit> overlapOf(List<Unit> emitted) {
			int budget = Chunker.this.properties.overlapTokens();
			if (budget == 0 || emitted.isEmpty()) {
				return List.of();
			}
			List<Unit> overlap = new ArrayList<>();
			int remaining = budget;
			for (int i = emitted.size() - 1; i >= 0; i--) {
				Unit unit = emitted.get(i);
				if (unit.block.kind() == Kind.HEADING) {
					break;
				}
				if (unit.tokens <= remaining) {
					overlap.addFirst(unit.asOverlap());
					remaining -= unit.tokens;
					continue;
				}
				List<String> sentences = Sentences.split(unit.text);
				for (int s = sentences.size() - 1; s >= 0; s--) {
					int tokens = Chunker.this.counter.count(sentences.get(s));
					boolean onlyOne = overlap.isEmpty() && tokens <= 2 * budget;
					if (tokens > remaining && !onlyOne) {
						break;
					}
					overlap.addFirst(new Unit(sentences.get(s), tokens, unit.path, unit.block, s > 0, true));
					remaining -= tokens;
					if (remaining <= 0) {
						break;
					}
				}
				break;
			}
			if (!overlap.isEmpty()) {
				Unit first = overlap.getFirst();
				overlap.set(0, new Unit(first.text, first.tokens, first.path, first.block, false, true));
			}
			return overlap;
		}

		private void dropOverlapUntilFits(int incoming) {
			while (!this.current.isEmpty() && this.current.getFirst().overlap
					&& tokens(this.current) + incoming > this.hardLimit) {
				this.current.removeFirst();
			}
			if (tokens(this.current) + incoming > this.target) {
				this.current.removeIf((unit) -> unit.overlap && unit.block.kind() != Kind.TABLE_ROW);
			}
			while (!this.current.isEmpty() && tokens(this.current) + incoming > this.hardLimit) {
				this.current.removeFirst();
			}
		}

		private boolean hasNewContent() {
			return this.current.stream().anyMatch((unit) -> !unit.overlap && unit.block.kind() != Kind.HEADING);
		}

		void emit(List<Unit> units) {
			StringBuilder text = new StringBuilder();
			int tokens = 0;
			for (Unit unit : units) {
				if (!text.isEmpty()) {
					text.append(unit.joinWithSpace ? " " : "\n");
				}
				text.append(unit.text);
				tokens += unit.tokens;
			}
			List<Unit> fresh = units.stream().filter((unit) -> !unit.overlap).toList();
			String heading = String.join(PATH_SEPARATOR, commonPath(fresh.isEmpty() ? units : fresh));
			String prefix = fitToTokens(prefix(heading), Chunker.this.properties.maxPrefixTokens());
			String body = text.toString();
			String embeddingText = prefix.isEmpty() ? body : prefix + "\n" + body;
			int limit = Chunker.this.properties.maxTokens() - SPECIAL_TOKENS;
			if (Chunker.this.counter.count(embeddingText) > limit) {
				embeddingText = fitToTokens(embeddingText, limit);
			}
			this.chunks.add(new Chunk(this.chunks.size(), body, heading, tokens, embeddingText));
		}

		private String prefix(String heading) {
			if (this.title.isEmpty()) {
				return heading;
			}
			if (heading.isEmpty()) {
				return this.title;
			}
			String first = heading.split(PATH_SEPARATOR, 2)[0];
			return first.equalsIgnoreCase(this.title) ? heading : this.title + PATH_SEPARATOR + heading;
		}

		private static int tokens(List<Unit> units) {
			int total = 0;
			for (Unit unit : units) {
				total += unit.tokens;
			}
			return total;
		}

	}

	private record Item(Block block, List<String> path) {
	}

	private record Piece(String text, int tokens) {
	}

	/**
	 * The smallest piece the packer moves: a whole block, or a sentence of a long one.
	 */
	private record Unit(String text, int tokens, List<String> path, Block block, boolean joinWithSpace,
			boolean overlap) {

		Unit asOverlap() {
			return new Unit(this.text, this.tokens, this.path, this.block, this.joinWithSpace, true);
		}

	}

	/** Units that move together: one unit, or a whole list or table. */
	private record Packet(List<Unit> units) {

		int tokens() {
			int total = 0;
			for (Unit unit : this.units) {
				total += unit.tokens;
			}
			return total;
		}

	}

}
