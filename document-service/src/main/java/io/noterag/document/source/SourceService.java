package io.noterag.document.source;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.document.job.JobView;
import io.noterag.document.job.SyncJobs;
import io.noterag.shared.messaging.DataSourceDeleted;
import io.noterag.document.outbox.Outbox;
import io.noterag.document.persistence.OffsetPage;
import io.noterag.document.source.internal.DataSourceEntity;
import io.noterag.document.source.internal.DataSourceRepository;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.AllowedRoots.PathNotAllowedException;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.web.ApiException;

/** Registers, lists, syncs and deletes data sources. */
@Service
public class SourceService {

	/** Everyone signed in may read a source that is not private. */
	public static final String EVERYONE = "group:everyone";

	private static final Logger log = LoggerFactory.getLogger(SourceService.class);

	private static final Pattern PRINCIPAL = Pattern.compile("(user|email|group):\\S{1,200}");

	private final DataSourceRepository repository;

	private final SyncJobs jobs;

	private final Outbox outbox;

	private final AllowedRoots allowedRoots;

	private final Clock clock;

	SourceService(DataSourceRepository repository, SyncJobs jobs, Outbox outbox, AllowedRoots allowedRoots,
			Clock clock) {
		this.repository = repository;
		this.jobs = jobs;
		this.outbox = outbox;
		this.allowedRoots = allowedRoots;
		this.clock = clock;
	}

	/**
	 * Registers a source and queues its first sync, in one transaction.
	 * @param request the source
	 * @param ownerId the administrator registering it
	 * @return the source with its queued job
	 * @throws ApiException 400 naming what is wrong with the type or configuration
	 */
	@Transactional
	public SourceView create(CreateSourceRequest request, UUID ownerId) {
		String type = request.type().trim().toLowerCase(Locale.ROOT);
		if (!SourceTypes.SUPPORTED.contains(type)) {
			throw ApiException.badRequest("Unknown source type '" + request.type() + "'. Supported types: "
					+ String.join(", ", SourceTypes.SUPPORTED.stream().sorted().toList()) + ".");
		}
		Map<String, Object> config = checkFilesystemConfig(request.config());
		String name = (request.name() != null && !request.name().isBlank()) ? request.name().trim()
				: defaultName(config);
		DataSourceEntity source = this.repository.save(new DataSourceEntity(UUID.randomUUID(), type, name, config,
				ownerId, principals(ownerId, config), now()));
		JobView job = queueSync(source);
		log.info("Data source {} ({}, '{}') registered; sync job {} queued", source.getId(), type, name, job.id());
		return view(source, job);
	}

	@Transactional(readOnly = true)
	public SourceList list(int limit, int offset) {
		Page<DataSourceEntity> page = this.repository.findAllByOrderByCreatedAtDescIdAsc(new OffsetPage(offset, limit));
		Map<UUID, JobView> latest = this.jobs.latestOf(page.map(DataSourceEntity::getId).getContent());
		return new SourceList(page.map((source) -> view(source, latest.get(source.getId()))).getContent(),
				page.getTotalElements());
	}

	@Transactional(readOnly = true)
	public SourceView get(UUID id) {
		DataSourceEntity source = find(id);
		return view(source, this.jobs.latestOf(id).orElse(null));
	}

	@Transactional(readOnly = true)
	public SourceDetails details(UUID id) {
		DataSourceEntity source = find(id);
		return new SourceDetails(source.getId(), source.getType(), source.getName(), source.getConfig(),
				source.getOwnerId(), List.copyOf(source.getPrincipals()));
	}

	/**
	 * Queues a sync of a source.
	 * @param id the source
	 * @return the queued job
	 * @throws ApiException 404 when there is no such source, 409 when a sync of it is
	 * already queued or running
	 */
	@Transactional
	public JobView requestSync(UUID id) {
		DataSourceEntity source = find(id);
		JobView job = queueSync(source);
		log.info("Sync job {} of data source {} queued", job.id(), id);
		return job;
	}

	/**
	 * Deletes a source with its jobs and its documents' metadata, and announces it so
	 * that the worker removes the vectors.
	 * @param id the source
	 * @throws ApiException 404 when there is no such source
	 */
	@Transactional
	public void delete(UUID id) {
		DataSourceEntity source = find(id);
		this.repository.delete(source);
		this.repository.flush();
		this.outbox.append(Topology.INDEXING_EXCHANGE, Topology.SOURCE_DELETED, new DataSourceDeleted(id, now()));
		log.info("Data source {} deleted", id);
	}

	private JobView queueSync(DataSourceEntity source) {
		UUID jobId = UUID.randomUUID();
		UUID outboxId = this.outbox.append(Topology.INDEXING_EXCHANGE, Topology.SYNC_REQUESTED,
				new SyncRequested(jobId, source.getId(), source.getType(), now()));
		return this.jobs.createQueued(jobId, source.getId(), outboxId);
	}

	private DataSourceEntity find(UUID id) {
		return this.repository.findById(id)
			.orElseThrow(() -> ApiException.notFound("There is no data source " + id + "."));
	}

	private Map<String, Object> checkFilesystemConfig(Map<String, Object> given) {
		Map<String, Object> config = new LinkedHashMap<>(given);
		Object path = config.get("path");
		if (path != null && !(path instanceof String)) {
			throw ApiException.badRequest("'config.path' must be a string: the absolute path of a folder.");
		}
		Path folder;
		try {
			folder = this.allowedRoots.checkFolder((String) path);
		}
		catch (PathNotAllowedException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		config.put("path", folder.toString());
		Object isPrivate = config.get("private");
		if (isPrivate != null && !(isPrivate instanceof Boolean)) {
			throw ApiException.badRequest("'config.private' must be true or false.");
		}
		Object principals = config.get("principals");
		if (principals != null) {
			config.put("principals", checkPrincipals(principals));
		}
		return config;
	}

	private static List<String> checkPrincipals(Object principals) {
		if (!(principals instanceof List<?> list)) {
			throw ApiException.badRequest("'config.principals' must be a list such as [\"group:finance\"].");
		}
		List<String> checked = new ArrayList<>();
		for (Object principal : list) {
			if (!(principal instanceof String value) || !PRINCIPAL.matcher(value.trim()).matches()) {
				throw ApiException.badRequest("'config.principals' has '" + principal
						+ "'; each must be 'user:<id>', 'email:<address>' or 'group:<name>'.");
			}
			checked.add(value.trim().toLowerCase(Locale.ROOT));
		}
		return checked;
	}

	@SuppressWarnings("unchecked")
	private static List<String> principals(UUID ownerId, Map<String, Object> config) {
		Set<String> principals = new LinkedHashSet<>();
		principals.add("user:" + ownerId);
		if (!Boolean.TRUE.equals(config.get("private"))) {
			principals.add(EVERYONE);
		}
		Object configured = config.get("principals");
		if (configured instanceof List<?> list) {
			principals.addAll((List<String>) list);
		}
		return List.copyOf(principals);
	}

	private static String defaultName(Map<String, Object> config) {
		Path folder = Path.of((String) config.get("path"));
		Path fileName = folder.getFileName();
		String name = (fileName != null) ? fileName.toString() : folder.toString();
		return (name.length() > 255) ? name.substring(0, 255) : name;
	}

	private static SourceView view(DataSourceEntity source, JobView latestJob) {
		return new SourceView(source.getId(), source.getType(), source.getName(), source.getConfig(),
				source.getOwnerId(), source.getCreatedAt(), source.getUpdatedAt(), latestJob);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
