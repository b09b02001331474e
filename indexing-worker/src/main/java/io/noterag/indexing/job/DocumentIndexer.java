package io.noterag.indexing.job;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentRecord;
import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.indexing.chunking.Chunk;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.extraction.ExtractedDocument;
import io.noterag.indexing.extraction.ExtractionException;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

/**
 * Indexes one item read from its source: hash, and when the hash differs from the one
 * recorded, extract, chunk, embed, replace the document's chunks in the vector store,
 * replace its images in multimodal-service, then record its metadata with the new hash in
 * document-service. Metadata comes last: a crash before it leaves the old hash recorded,
 * so the item is indexed again, and the deterministic ids make that harmless.
 */
class DocumentIndexer {

	private static final Logger logger = LoggerFactory.getLogger(DocumentIndexer.class);

	private final TikaExtractor extractor;

	private final Chunker chunker;

	private final Embedder embedder;

	private final VectorStore vectorStore;

	private final DocumentServiceClient documentService;

	private final MultimodalServiceClient multimodal;

	private final int batchSize;

	DocumentIndexer(TikaExtractor extractor, Chunker chunker, Embedder embedder, VectorStore vectorStore,
			DocumentServiceClient documentService, MultimodalServiceClient multimodal, int batchSize) {
		this.extractor = extractor;
		this.chunker = chunker;
		this.embedder = embedder;
		this.vectorStore = vectorStore;
		this.documentService = documentService;
		this.multimodal = multimodal;
		this.batchSize = batchSize;
	}

	/**
	 * Indexes an item unless it is unchanged.
	 * @param source its data source
	 * @param item the item as read
	 * @param known what document-service has recorded for it, or {@code null}
	 * @param mayHaveImages whether the item's document may have images to replace
	 * @param jobId the sync job, told with the document's metadata that the item is
	 * indexed; {@code null} to report it apart
	 * @return what happened
	 * @throws DocumentServiceException when document-service or multimodal-service cannot
	 * be reached (the item is tried again)
	 */
	ItemOutcome index(SourceDetails source, SourceItem item, KnownDocument known, boolean mayHaveImages, UUID jobId) {
		byte[] content = (item.content() != null) ? item.content() : new byte[0];
		String hash = sha256(content);
		String documentId = ChunkIds.documentId(source.id().toString(), item.itemId());
		if (known != null && hash.equals(known.contentHash()) && isIndexed(documentId)) {
			return new ItemOutcome.Unchanged();
		}
		String fileName = fileName(item);
		ExtractedDocument document;
		try {
			document = this.extractor.extract(fileName, content);
		}
		catch (ExtractionException ex) {
			return new ItemOutcome.Failed(ex.getMessage());
		}
		if (!document.hasText()) {
			return new ItemOutcome.Failed("no text to index (empty, or only images)");
		}
		String title = (document.title() != null && !document.title().isBlank()) ? document.title()
				: (item.title() != null) ? item.title() : fileName;
		List<Chunk> chunks = this.chunker.chunk(title, document.blocks());
		List<ChunkRecord> records;
		try {
			records = records(source, item, fileName, title, document, documentId, chunks);
		}
		catch (RuntimeException ex) {
			logger.warn("Embedding {} failed", item.itemId(), ex);
			return new ItemOutcome.Failed("embedding failed: " + ex.getMessage());
		}
		this.vectorStore.replaceDocument(documentId, records);
		if (!item.images().isEmpty() || (mayHaveImages && known != null)) {
			try {
				this.multimodal.replaceImages(documentId, source.id(), item.images());
			}
			catch (DocumentServiceException.Rejected ex) {
				logger.warn("The images of {} were refused: {}", item.itemId(), ex.getMessage());
			}
		}
		Boolean counted;
		try {
			counted = this.documentService.upsertDocument(documentId,
					new DocumentRecord(source.id(), source.type(), item.itemId(), title, document.contentType(),
							item.url(), item.createdAt(), item.modifiedAt(), hash, source.tags(),
							metadata(item, document), records.size(), jobId));
		}
		catch (DocumentServiceException.Rejected | DocumentServiceException.NotFound ex) {
			// refused, or its data source was deleted meanwhile
			if (known == null) {
				// no metadata, no chunks, no images: never a half-written document
				this.vectorStore.deleteDocument(documentId);
				if (!item.images().isEmpty()) {
					this.multimodal.deleteImages(documentId);
				}
			}
			return new ItemOutcome.Failed(ex.getMessage());
		}
		// counted or not, the job has been told: a job that no longer counts items would
		// refuse a report of its own too
		return new ItemOutcome.Indexed(records.size(), counted != null);
	}

	/**
	 * Whether the index still has the document's chunks: an index that was lost or
	 * replaced while document-service kept its metadata must not make items look
	 * unchanged.
	 * @param documentId the document
	 * @return whether it has chunks
	 */
	boolean isIndexed(String documentId) {
		return !this.vectorStore.chunksOf(documentId, SearchFilter.forPrincipals(List.of(SearchFilter.ALL))).isEmpty();
	}

	private List<ChunkRecord> records(SourceDetails source, SourceItem item, String fileName, String title,
			ExtractedDocument document, String documentId, List<Chunk> chunks) {
		Map<String, String> chunkMetadata = Map.of("source_id", item.itemId(), "file_name", fileName, "content_type",
				document.contentType());
		List<ChunkRecord> records = new ArrayList<>(chunks.size());
		for (int start = 0; start < chunks.size(); start += this.batchSize) {
			List<Chunk> batch = chunks.subList(start, Math.min(chunks.size(), start + this.batchSize));
			List<float[]> vectors = this.embedder.embedDocuments(batch.stream().map(Chunk::embeddingText).toList());
			if (vectors.size() != batch.size()) {
				throw new IllegalStateException(
						"The embedder returned " + vectors.size() + " vectors for " + batch.size() + " texts");
			}
			for (int i = 0; i < batch.size(); i++) {
				Chunk chunk = batch.get(i);
				records.add(new ChunkRecord(ChunkIds.chunkId(documentId, chunk.index()), documentId, chunk.index(),
						chunk.text(), title, chunk.heading(), item.url(), source.type(), source.id().toString(),
						source.tags(), item.modifiedAt(), source.principals(), chunkMetadata, vectors.get(i)));
			}
		}
		return records;
	}

	private static Map<String, Object> metadata(SourceItem item, ExtractedDocument document) {
		Map<String, Object> metadata = new LinkedHashMap<>(item.metadata());
		document.metadata().forEach(metadata::putIfAbsent);
		if (!item.images().isEmpty()) {
			metadata.put("image_count", item.images().size());
		}
		return metadata;
	}

	/** A name whose extension helps detection: the item's, else one from its type. */
	static String fileName(SourceItem item) {
		if (item.fileName() != null && !item.fileName().isBlank()) {
			return item.fileName();
		}
		String type = (item.mediaType() != null) ? item.mediaType().toLowerCase(Locale.ROOT) : "";
		String extension = switch (type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type) {
			case "text/html", "application/xhtml+xml" -> ".html";
			case "text/markdown" -> ".md";
			case "text/plain" -> ".txt";
			case "application/pdf" -> ".pdf";
			case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> ".docx";
			default -> "";
		};
		return "item" + extension;
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
