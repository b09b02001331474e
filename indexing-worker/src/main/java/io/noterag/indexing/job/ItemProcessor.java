package io.noterag.indexing.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.indexing.catalog.DocumentServiceClient;
import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.ItemReport;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.MultimodalServiceClient;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.VectorStore;

/**
 * Handles one {@link ItemIndexRequested}: reads the item through its plugin and indexes
 * it (or skips it when its modification time or content hash is the one indexed), or
 * removes the document of a deleted item (vectors, images, then metadata), then reports
 * the outcome to document-service. An item that cannot be read or extracted is reported
 * failed and the rest of the job goes on; refused credentials mark the source; a source
 * that is unreachable or throttling throws, so that the item is tried again later.
 * Handling an item twice is harmless: its document id and chunk ids are deterministic and
 * document-service counts an item of a job once.
 */
public class ItemProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ItemProcessor.class);

	private final DocumentServiceClient documentService;

	private final MultimodalServiceClient multimodal;

	private final DataSourcePlugins plugins;

	private final DocumentIndexer indexer;

	private final VectorStore vectorStore;

	private final IndexWriteLock lock;

	private final MeterRegistry meters;

	ItemProcessor(DocumentServiceClient documentService, MultimodalServiceClient multimodal, DataSourcePlugins plugins,
			DocumentIndexer indexer, VectorStore vectorStore, IndexWriteLock lock, MeterRegistry meters) {
		this.documentService = documentService;
		this.multimodal = multimodal;
		this.plugins = plugins;
		this.indexer = indexer;
		this.vectorStore = vectorStore;
		this.lock = lock;
		this.meters = meters;
	}

	/**
	 * Indexes or removes one item and reports it.
	 * @param request the item
	 * @throws io.noterag.shared.source.plugin.SourceThrottledException when the source
	 * asks to wait (not an attempt)
	 * @throws RuntimeException when it should be tried again (source or document-service
	 * unreachable)
	 */
	public void process(ItemIndexRequested request) {
		SourceDetails source;
		try {
			source = this.documentService.cachedSource(request.dataSourceId());
		}
		catch (DocumentServiceException.NotFound ex) {
			logger.info("Item {} of deleted data source {} dropped", request.item().itemId(), request.dataSourceId());
			return;
		}
		DataSourcePlugin<?> plugin = this.plugins.find(source.type()).orElse(null);
		ItemOutcome outcome;
		this.lock.lockItem();
		try {
			if (request.deleted()) {
				outcome = delete(source, request.item().itemId(), plugin);
			}
			else if (plugin == null) {
				outcome = new ItemOutcome.Failed(
						"The indexing worker cannot read sources of type '" + source.type() + "'.");
			}
			else {
				outcome = index(request, source, plugin);
			}
		}
		finally {
			this.lock.unlockItem();
		}
		report(request, outcome);
	}

	/**
	 * Reports an item failed after its last attempt, if document-service can be reached,
	 * so that its job can still finish.
	 * @param request the item
	 * @param reason why
	 */
	public void reportFailed(ItemIndexRequested request, String reason) {
		try {
			report(request, new ItemOutcome.Failed(reason));
		}
		catch (RuntimeException ex) {
			logger.error("Item {} of job {} failed ({}) and could not be reported: {}", request.item().itemId(),
					request.jobId(), reason, ex.getMessage());
		}
	}

	private <C> ItemOutcome index(ItemIndexRequested request, SourceDetails source, DataSourcePlugin<C> plugin) {
		String itemId = request.item().itemId();
		String documentId = ChunkIds.documentId(source.id().toString(), itemId);
		KnownDocument known = request.newAtPlanning() ? null : this.documentService.document(documentId);
		if (unchangedSince(known, request.item().modifiedAt()) && this.indexer.isIndexed(documentId)) {
			return new ItemOutcome.Unchanged();
		}
		SourceItem item;
		try {
			PluginSource<C> context = PluginSource.of(plugin, source, true, this.documentService);
			item = plugin.getDocument(context, request.item());
		}
		catch (InvalidSourceConfigException ex) {
			return new ItemOutcome.Failed("Invalid configuration (" + ex.field() + "): " + ex.getMessage());
		}
		catch (ReconnectRequiredException ex) {
			status(source, "needs_reconnect", ex.getMessage());
			return new ItemOutcome.Failed("The source needs to be connected again: " + ex.getMessage());
		}
		catch (SourceAuthenticationException ex) {
			status(source, "error", ex.getMessage());
			return new ItemOutcome.Failed("The source refused the credentials: " + ex.getMessage());
		}
		catch (ItemException ex) {
			return new ItemOutcome.Failed(ex.getMessage());
		}
		if (item == null) {
			return (known != null) ? delete(source, itemId, plugin) : new ItemOutcome.Deleted();
		}
		return this.indexer.index(source, item, known, plugin.capabilities().contains(PluginCapability.IMAGES),
				request.jobId());
	}

	/** Same modification time as recorded (to the microsecond, as stored). */
	private static boolean unchangedSince(KnownDocument known, Instant modifiedAt) {
		return known != null && known.contentHash() != null && known.modifiedAt() != null && modifiedAt != null
				&& known.modifiedAt().truncatedTo(ChronoUnit.MICROS).equals(modifiedAt.truncatedTo(ChronoUnit.MICROS));
	}

	private ItemOutcome delete(SourceDetails source, String itemId, DataSourcePlugin<?> plugin) {
		String documentId = ChunkIds.documentId(source.id().toString(), itemId);
		this.vectorStore.deleteDocument(documentId);
		Set<PluginCapability> capabilities = (plugin != null) ? plugin.capabilities() : Set.of(PluginCapability.IMAGES);
		if (capabilities.contains(PluginCapability.IMAGES)) {
			this.multimodal.deleteImages(documentId);
		}
		this.documentService.deleteDocument(documentId);
		logger.debug("Removed {}: it is gone at the source", itemId);
		return new ItemOutcome.Deleted();
	}

	private void report(ItemIndexRequested request, ItemOutcome outcome) {
		ItemReport report = switch (outcome) {
			case ItemOutcome.Indexed indexed -> new ItemReport(request.item().itemId(), ItemReport.INDEXED, null);
			case ItemOutcome.Unchanged unchanged ->
				new ItemReport(request.item().itemId(), ItemReport.SKIPPED_UNCHANGED, null);
			case ItemOutcome.Deleted deleted -> new ItemReport(request.item().itemId(), ItemReport.DELETED, null);
			case ItemOutcome.Failed failed ->
				new ItemReport(request.item().itemId(), ItemReport.FAILED, failed.reason());
		};
		if (outcome instanceof ItemOutcome.Failed failed) {
			logger.info("Could not index {}: {}", request.item().itemId(), failed.reason());
		}
		try {
			if (!(outcome instanceof ItemOutcome.Indexed told && told.reported())) {
				this.documentService.reportItem(request.jobId(), report);
			}
		}
		catch (DocumentServiceException.JobAlreadyFinished | DocumentServiceException.NotFound ex) {
			logger.info("Job {} has finished or is gone; item {} not reported", request.jobId(),
					request.item().itemId());
		}
		Counter.builder("noterag.indexing.items")
			.description("Items handled by this worker, by outcome")
			.tag("outcome", report.outcome())
			.register(this.meters)
			.increment();
	}

	private void status(SourceDetails source, String status, String error) {
		try {
			this.documentService.updateStatus(source.id(), status, error);
		}
		catch (DocumentServiceException ex) {
			logger.warn("Could not record the status '{}' of source {}: {}", status, source.id(), ex.getMessage());
		}
	}

}
