package io.noterag.query.retrieval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

/** Writes small test documents into a real vector store, as the indexing worker would. */
final class ChunkStoreFixture {

	static final SearchFilter EVERYONE = SearchFilter.forPrincipals(List.of("group:everyone"));

	private ChunkStoreFixture() {
	}

	static String id(String name) {
		return ChunkIds.documentId("src", name);
	}

	/** A document whose chunks are embedded with {@link WordHashEmbedder}. */
	static void document(VectorStore store, String name, String... texts) {
		List<float[]> vectors = new ArrayList<>();
		for (String text : texts) {
			vectors.add(WordHashEmbedder.vector(text));
		}
		document(store, name, vectors, texts);
	}

	/** A document with the given vectors, one per text. */
	static void document(VectorStore store, String name, List<float[]> vectors, String... texts) {
		String documentId = id(name);
		List<ChunkRecord> records = new ArrayList<>();
		for (int i = 0; i < texts.length; i++) {
			records.add(new ChunkRecord(ChunkIds.chunkId(documentId, i), documentId, i, texts[i], "Title of " + name,
					"Heading " + i, "/notes/" + name + ".md", "filesystem", "src", List.of(),
					Instant.parse("2024-05-01T00:00:00Z"), List.of("group:everyone"), Map.of(), vectors.get(i)));
		}
		store.replaceDocument(documentId, records);
	}

	static List<String> documents(Retrieval retrieval) {
		return retrieval.chunks().stream().map((c) -> c.chunk().documentId()).toList();
	}

	static List<String> texts(Retrieval retrieval) {
		return retrieval.chunks().stream().map((c) -> c.chunk().text()).toList();
	}

}
