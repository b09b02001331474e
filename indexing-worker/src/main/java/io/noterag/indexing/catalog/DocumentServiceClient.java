package io.noterag.indexing.catalog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The worker's side of document-service's internal API: sync jobs, sources and document
 * metadata. Calls carry the request id and the worker's service token (see
 * {@code ServiceCallInterceptor}).
 */
public class DocumentServiceClient {

	private static final ParameterizedTypeReference<List<KnownDocument>> DOCUMENTS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<FailedItem>> FAILED_ITEMS = new ParameterizedTypeReference<>() {
	};

	/**
	 * document-service's answer to a document that names its job: whether the job counted
	 * it.
	 */
	static final String ITEM_COUNTED = "X-Job-Item-Counted";

	private final RestClient client;

	private final Cache<UUID, SourceDetails> sources;

	public DocumentServiceClient(RestClient client) {
		this(client, Duration.ZERO);
	}

	/**
	 * A client that keeps sources it read for a while, so that the items of a sync do not
	 * each read their source again.
	 * @param client the HTTP client, with document-service's base URL
	 * @param sourceCacheTtl how long {@link #cachedSource(UUID)} may answer from a source
	 * read earlier; zero for never
	 */
	public DocumentServiceClient(RestClient client, Duration sourceCacheTtl) {
		this.client = client;
		this.sources = (sourceCacheTtl.isPositive())
				? Caffeine.newBuilder().expireAfterWrite(sourceCacheTtl).maximumSize(1_000).build() : null;
	}

	/**
	 * Marks a job running.
	 * @param jobId the job
	 * @return the job
	 * @throws DocumentServiceException.JobAlreadyFinished when it has already finished
	 * @throws DocumentServiceException.NotFound when it does not exist
	 */
	public JobState startJob(UUID jobId) {
		return call("start job " + jobId,
				() -> this.client.post().uri("/internal/sync-jobs/{id}/start", jobId).retrieve().body(JobState.class));
	}

	/**
	 * Reports a running job's counts; also its heartbeat.
	 * @param jobId the job
	 * @param progress the counts so far
	 */
	public void progress(UUID jobId, JobProgress progress) {
		call("report progress of job " + jobId,
				() -> this.client.put()
					.uri("/internal/sync-jobs/{id}/progress", jobId)
					.body(progress)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Tells that the worker is still busy with a running job (listing its source,
	 * publishing its items), without changing its counts, so that it is not reaped.
	 * @param jobId the job
	 * @throws DocumentServiceException.JobAlreadyFinished when it has finished (or has
	 * not been started)
	 * @throws DocumentServiceException.NotFound when it does not exist
	 */
	public void heartbeat(UUID jobId) {
		call("send the heartbeat of job " + jobId,
				() -> this.client.post()
					.uri("/internal/sync-jobs/{id}/heartbeat", jobId)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * The items of a source whose most recent report was a failure, the least recently
	 * tried first.
	 * @param sourceId the source
	 * @param limit at most this many
	 * @return the items
	 * @throws DocumentServiceException.NotFound when the source does not exist
	 */
	public List<FailedItem> failedItems(UUID sourceId, int limit) {
		List<FailedItem> items = call("list the failed items of source " + sourceId,
				() -> this.client.get()
					.uri("/internal/sources/{id}/failed-items?limit={limit}", sourceId, limit)
					.retrieve()
					.body(FAILED_ITEMS));
		return (items != null) ? items : List.of();
	}

	/**
	 * Finishes a job.
	 * @param jobId the job
	 * @param result its final state and counts
	 * @throws DocumentServiceException.JobAlreadyFinished when it had already finished
	 */
	public void finish(UUID jobId, JobResult result) {
		call("finish job " + jobId,
				() -> this.client.post()
					.uri("/internal/sync-jobs/{id}/finish", jobId)
					.body(result)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Reads a source with its configuration and principals.
	 * @param sourceId the source
	 * @return the source
	 * @throws DocumentServiceException.NotFound when it does not exist (any more)
	 */
	public SourceDetails source(UUID sourceId) {
		SourceDetails source = call("read source " + sourceId,
				() -> this.client.get().uri("/internal/sources/{id}", sourceId).retrieve().body(SourceDetails.class));
		if (this.sources != null && source != null) {
			this.sources.put(sourceId, source);
		}
		return source;
	}

	/**
	 * Reads a source, or answers with the copy read less than the cache's time to live
	 * ago. Changes this worker makes to the source (credentials, status) and its deletion
	 * drop the copy; another replica's changes are seen once it expires.
	 * @param sourceId the source
	 * @return the source
	 * @throws DocumentServiceException.NotFound when it does not exist (any more)
	 */
	public SourceDetails cachedSource(UUID sourceId) {
		SourceDetails cached = (this.sources != null) ? this.sources.getIfPresent(sourceId) : null;
		return (cached != null) ? cached : source(sourceId);
	}

	/**
	 * Drops the cached copy of a source.
	 * @param sourceId the source
	 */
	public void forgetSource(UUID sourceId) {
		if (this.sources != null) {
			this.sources.invalidate(sourceId);
		}
	}

	/**
	 * Records what a job's listing found: how many item messages it published, the
	 * rejected items and the cursor to keep once the job completes. Idempotent: a
	 * repeated plan replaces the previous one. A plan of nothing finishes the job.
	 * @param jobId the job
	 * @param plan the plan
	 * @throws DocumentServiceException.JobAlreadyFinished when the job has already
	 * finished
	 * @throws DocumentServiceException.NotFound when the job does not exist
	 */
	public void plan(UUID jobId, JobPlan plan) {
		call("record the plan of job " + jobId,
				() -> this.client.put()
					.uri("/internal/sync-jobs/{id}/plan", jobId)
					.body(plan)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Reports what happened to one item of a job; idempotent per job and item.
	 * @param jobId the job
	 * @param report the item's outcome
	 * @throws DocumentServiceException.JobAlreadyFinished when the job has already
	 * finished
	 * @throws DocumentServiceException.NotFound when the job does not exist
	 */
	public void reportItem(UUID jobId, ItemReport report) {
		call("report item of job " + jobId,
				() -> this.client.post()
					.uri("/internal/sync-jobs/{id}/items", jobId)
					.body(report)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Merges changed secrets (a rotated refresh token) into a source's credentials.
	 * @param sourceId the source
	 * @param changed the secrets that changed
	 */
	public void updateCredentials(UUID sourceId, Map<String, String> changed) {
		forgetSource(sourceId);
		call("update the credentials of source " + sourceId,
				() -> this.client.put()
					.uri("/internal/sources/{id}/credentials", sourceId)
					.body(Map.of("credentials", changed))
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * Records a source's health as seen by the worker.
	 * @param sourceId the source
	 * @param status {@code ok}, {@code needs_reconnect} or {@code error}
	 * @param error what is wrong, or {@code null}
	 */
	public void updateStatus(UUID sourceId, String status, String error) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", error);
		forgetSource(sourceId);
		call("update the status of source " + sourceId,
				() -> this.client.put()
					.uri("/internal/sources/{id}/status", sourceId)
					.body(body)
					.retrieve()
					.toBodilessEntity());
	}

	/**
	 * What document-service has recorded for one document.
	 * @param documentId the document
	 * @return its id, item id, content hash and modification time, or {@code null} when
	 * it is not recorded
	 */
	public KnownDocument document(String documentId) {
		try {
			return call("read document " + documentId,
					() -> this.client.get()
						.uri("/internal/documents/{id}", documentId)
						.retrieve()
						.body(KnownDocument.class));
		}
		catch (DocumentServiceException.NotFound ex) {
			return null;
		}
	}

	/**
	 * The documents recorded for a source, with their content hashes.
	 * @param sourceId the source
	 * @return its documents
	 */
	public List<KnownDocument> documents(UUID sourceId) {
		List<KnownDocument> documents = call("list documents of source " + sourceId,
				() -> this.client.get().uri("/internal/sources/{id}/documents", sourceId).retrieve().body(DOCUMENTS));
		return (documents != null) ? documents : List.of();
	}

	/**
	 * Records a document's metadata (insert or update) and, when it names its sync job,
	 * has that job count its item as indexed in the same transaction.
	 * @param documentId the document's deterministic id
	 * @param document its metadata
	 * @return whether the job named in the record counted the item; {@code null} when the
	 * record names none, or document-service does not count items with documents (then
	 * the item is to be reported on its own)
	 * @throws DocumentServiceException.Rejected when document-service refuses the data
	 * @throws DocumentServiceException.NotFound when its data source does not exist (any
	 * more)
	 */
	public Boolean upsertDocument(String documentId, DocumentRecord document) {
		String counted = call("record document " + documentId,
				() -> this.client.put()
					.uri("/internal/documents/{id}", documentId)
					.body(document)
					.retrieve()
					.toBodilessEntity()
					.getHeaders()
					.getFirst(ITEM_COUNTED));
		return (counted != null) ? Boolean.valueOf(counted) : null;
	}

	/**
	 * Removes a document's metadata; a document already gone is fine.
	 * @param documentId the document
	 */
	public void deleteDocument(String documentId) {
		try {
			call("delete document " + documentId,
					() -> this.client.delete()
						.uri("/internal/documents/{id}", documentId)
						.retrieve()
						.toBodilessEntity());
		}
		catch (DocumentServiceException.NotFound ex) {
			// already deleted
		}
	}

	private <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (HttpClientErrorException ex) {
			HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
			String message = "document-service refused to " + what + ": " + describe(ex);
			if (status == HttpStatus.NOT_FOUND) {
				throw new DocumentServiceException.NotFound(message, ex);
			}
			if (status == HttpStatus.CONFLICT) {
				throw new DocumentServiceException.JobAlreadyFinished(message, ex);
			}
			if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN
					|| status == HttpStatus.REQUEST_TIMEOUT || status == HttpStatus.TOO_MANY_REQUESTS) {
				throw new DocumentServiceException(message, ex);
			}
			throw new DocumentServiceException.Rejected(message, ex);
		}
		catch (RestClientResponseException ex) {
			throw new DocumentServiceException("document-service failed to " + what + ": " + describe(ex), ex);
		}
		catch (RestClientException ex) {
			throw new DocumentServiceException(
					"document-service unreachable, could not " + what + ": " + rootMessage(ex), ex);
		}
	}

	private static String describe(RestClientResponseException ex) {
		String body = ex.getResponseBodyAsString().replaceAll("\\s+", " ").strip();
		String status = ex.getStatusCode().value() + "";
		return body.isEmpty() ? status : status + " " + ((body.length() > 300) ? body.substring(0, 300) + "..." : body);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
