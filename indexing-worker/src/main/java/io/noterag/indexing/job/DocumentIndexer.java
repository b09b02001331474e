package io.noterag.indexing.job;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentRecord;
import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.indexing.chunking.Chunk;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.extraction.ExtractedDocument;
import io.noterag.indexing.extraction.ExtractionException;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.indexing.source.FileSystemSource;
import io.noterag.indexing.source.SourceFile;
import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

/**
 * Indexes one file: read, hash, and when the hash differs from the one recorded, extract,
 * chunk, embed, replace the document's chunks in the vector store, then record its
 * metadata with the new hash in document-service. Vectors come first: a crash between the
 * two leaves the old hash recorded, so the next sync indexes the file again, and the
 * deterministic ids make that harmless.
 */
class DocumentIndexer {

	private static final Logger logger = LoggerFactory.getLogger(DocumentIndexer.class);

	private final FileSystemSource files;

	private final TikaExtractor extractor;

	private final Chunker chunker;

	private final Embedder embedder;

	private final VectorStore vectorStore;

	private final DocumentServiceClient documentService;

	private final int batchSize;

	DocumentIndexer(FileSystemSource files, TikaExtractor extractor, Chunker chunker, Embedder embedder,
			VectorStore vectorStore, DocumentServiceClient documentService, int batchSize) {
		this.files = files;
		this.extractor = extractor;
		this.chunker = chunker;
		this.embedder = embedder;
		this.vectorStore = vectorStore;
		this.documentService = documentService;
		this.batchSize = batchSize;
	}

	/**
	 * Indexes a file unless it is unchanged.
	 * @param source its data source
	 * @param file the file
	 * @param known what document-service has recorded for it, or {@code null}
	 * @return what happened
	 * @throws DocumentServiceException when document-service cannot be reached (the job
	 * fails and is retried)
	 */
	ItemOutcome index(SourceDetails source, SourceFile file, KnownDocument known) {
		byte[] content;
		try {
			content = this.files.read(file);
		}
		catch (FileSystemSource.RejectedFileException ex) {
			return new ItemOutcome.Failed(ex.getMessage());
		}
		catch (IOException ex) {
			return new ItemOutcome.Failed("cannot be read: " + ex.getMessage());
		}
		String hash = sha256(content);
		String documentId = ChunkIds.documentId(source.id().toString(), file.itemId());
		if (known != null && hash.equals(known.contentHash()) && isIndexed(documentId)) {
			return new ItemOutcome.Unchanged();
		}
		ExtractedDocument document;
		try {
			document = this.extractor.extract(file.fileName(), content);
		}
		catch (ExtractionException ex) {
			return new ItemOutcome.Failed(ex.getMessage());
		}
		if (!document.hasText()) {
			return new ItemOutcome.Failed("no text to index (empty, or only images)");
		}
		List<Chunk> chunks = this.chunker.chunk(document.title(), document.blocks());
		List<ChunkRecord> records;
		try {
			records = records(source, file, document, documentId, chunks);
		}
		catch (RuntimeException ex) {
			logger.warn("Embedding {} failed", file.itemId(), ex);
			return new ItemOutcome.Failed("embedding failed: " + ex.getMessage());
		}
		this.vectorStore.replaceDocument(documentId, records);
		try {
			this.documentService.upsertDocument(documentId,
					new DocumentRecord(source.id(), source.type(), file.itemId(), document.title(),
							document.contentType(), file.url(), file.createdAt(), file.modifiedAt(), hash,
							source.tags(), metadata(file, document, content.length), records.size()));
		}
		catch (DocumentServiceException.Rejected ex) {
			if (known == null) {
				// no metadata, no chunks: never a half-written document
				this.vectorStore.deleteDocument(documentId);
			}
			return new ItemOutcome.Failed(ex.getMessage());
		}
		return new ItemOutcome.Indexed(records.size());
	}

	/**
	 * Whether the index still has the document's chunks: an index that was lost or
	 * replaced while document-service kept its metadata must not make files look
	 * unchanged.
	 */
	private boolean isIndexed(String documentId) {
		return !this.vectorStore.chunksOf(documentId, SearchFilter.forPrincipals(List.of(SearchFilter.ALL))).isEmpty();
	}

	private List<ChunkRecord> records(SourceDetails source, SourceFile file, ExtractedDocument document,
			String documentId, List<Chunk> chunks) {
		Map<String, String> chunkMetadata = Map.of("source_id", file.itemId(), "file_name", file.fileName(),
				"content_type", document.contentType());
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
						chunk.text(), document.title(), chunk.heading(), file.url(), source.type(),
						source.id().toString(), source.tags(), file.modifiedAt(), source.principals(), chunkMetadata,
						vectors.get(i)));
			}
		}
		return records;
	}

	private static Map<String, Object> metadata(SourceFile file, ExtractedDocument document, long size) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("relative_path", file.itemId());
		metadata.put("file_name", file.fileName());
		metadata.put("size_bytes", size);
		metadata.putAll(document.metadata());
		return metadata;
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
