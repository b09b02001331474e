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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.document.job.JobState;
import io.noterag.document.job.JobView;
import io.noterag.document.job.SyncJobs;
import io.noterag.document.job.SyncState;
import io.noterag.document.outbox.Outbox;
import io.noterag.document.persistence.OffsetPage;
import io.noterag.document.secret.SecretBox;
import io.noterag.document.secret.SecretKeyMissingException;
import io.noterag.document.secret.SecretUnreadableException;
import io.noterag.document.source.internal.DataSourceEntity;
import io.noterag.document.source.internal.DataSourceRepository;
import io.noterag.shared.messaging.DataSourceDeleted;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.messaging.Topology;
import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.AllowedRoots.PathNotAllowedException;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.config.DatabricksConfig;
import io.noterag.shared.source.config.OneNoteConfig;
import io.noterag.shared.source.config.SharePointConfig;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.web.ApiException;

/**
 * Registers, changes, lists, syncs and deletes data sources, and keeps their credentials
 * sealed. Plain credentials leave this class only through {@link #details(UUID)}, for the
 * internal API.
 */
@Service
public class SourceService {

	/** Everyone signed in may read a source that is not private. */
	public static final String EVERYONE = "group:everyone";

	private static final Logger log = LoggerFactory.getLogger(SourceService.class);

	private static final Pattern PRINCIPAL = Pattern.compile("(user|email|group):\\S{1,200}");

	private static final int MAX_STATUS_ERROR = 2000;

	private final DataSourceRepository repository;

	private final SyncJobs jobs;

	private final Outbox outbox;

	private final AllowedRoots allowedRoots;

	private final SecretBox secrets;

	private final Clock clock;

	SourceService(DataSourceRepository repository, SyncJobs jobs, Outbox outbox, AllowedRoots allowedRoots,
			SecretBox secrets, Clock clock) {
		this.repository = repository;
		this.jobs = jobs;
		this.outbox = outbox;
		this.allowedRoots = allowedRoots;
		this.secrets = secrets;
		this.clock = clock;
	}

	/**
	 * Registers a source and, when it syncs and needs no account connection first, queues
	 * its first (full) sync, in one transaction.
	 * @param request the source
	 * @param ownerId the administrator registering it
	 * @return the source with its queued job
	 * @throws ApiException 400 naming what is wrong with the type; 503 when credentials
	 * are given but no encryption key is configured
	 * @throws InvalidSourceConfigException naming the wrong configuration or credential
	 */
	@Transactional
	public SourceView create(CreateSourceRequest request, UUID ownerId) {
		String type = request.type().trim().toLowerCase(Locale.ROOT);
		if (!SourceTypes.SUPPORTED.contains(type)) {
			throw ApiException.badRequest("Unknown source type '" + request.type() + "'. Supported types: "
					+ String.join(", ", SourceTypes.SUPPORTED.stream().sorted().toList()) + ".");
		}
		Map<String, Object> config = checkConfig(type, request.config());
		Map<String, String> credentials = SourceRules.readCredentials(request.credentials(), false);
		if (SourceTypes.ONENOTE.equals(type) && !credentials.isEmpty()) {
			throw new InvalidSourceConfigException("credentials", "A OneNote source takes no credentials: create it, "
					+ "then connect a Microsoft account with POST /api/v2/admin/sources/{id}/connect.");
		}
		SourceRules.checkCredentialNames(type, config, credentials.keySet());
		String name = (request.name() != null && !request.name().isBlank()) ? request.name().trim()
				: defaultName(type, config);
		Instant now = now();
		DataSourceEntity source = new DataSourceEntity(UUID.randomUUID(), type, name, config, ownerId,
				principals(ownerId, config), now);
		source.credentials(seal(source.getId(), new LinkedHashMap<>(), credentials), now);
		source.syncEnabled(!Boolean.FALSE.equals(request.syncEnabled()), now);
		if (SourceTypes.ONENOTE.equals(type)) {
			source.status(SourceStatus.NEEDS_RECONNECT, "Not connected yet: connect a Microsoft account with POST "
					+ "/api/v2/admin/sources/" + source.getId() + "/connect.", now);
		}
		// an entity with its id already set is merged: keep working on the managed copy
		source = this.repository.save(source);
		JobView job = null;
		if (source.isSyncEnabled() && source.getStatus() != SourceStatus.NEEDS_RECONNECT) {
			job = queueSync(source, true);
		}
		log.info("Data source {} ({}, '{}') registered with credentials {}; {}", source.getId(), type, name,
				credentials.keySet(), (job != null) ? "sync job " + job.id() + " queued" : "no sync queued");
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

	/**
	 * Changes a source: name, configuration (checked again), credentials (merged) and
	 * whether it syncs on schedule.
	 * @param id the source
	 * @param request the changes
	 * @return the source as it is now
	 * @throws ApiException 404 when there is no such source, 503 when credentials are
	 * given but no encryption key is configured
	 * @throws InvalidSourceConfigException naming the wrong configuration or credential
	 */
	@Transactional
	public SourceView update(UUID id, UpdateSourceRequest request) {
		DataSourceEntity source = find(id);
		String type = source.getType();
		Instant now = now();
		if (request.name() != null) {
			if (request.name().isBlank()) {
				throw ApiException.badRequest("'name' must not be blank.");
			}
			source.rename(request.name().trim(), now);
		}
		Map<String, Object> config = source.getConfig();
		boolean configChanged = false;
		if (request.config() != null) {
			config = checkConfig(type, request.config());
			configChanged = !config.equals(source.getConfig());
		}
		Map<String, String> changes = SourceRules.readCredentials(request.credentials(), true);
		if (SourceTypes.ONENOTE.equals(type) && !changes.isEmpty()) {
			throw new InvalidSourceConfigException("credentials", "A OneNote source takes no credentials: connect "
					+ "the Microsoft account again with POST /api/v2/admin/sources/{id}/connect.");
		}
		Set<String> names = new TreeSet<>(source.getCredentials().keySet());
		changes.forEach((name, value) -> {
			if (value == null) {
				names.remove(name);
			}
			else {
				names.add(name);
			}
		});
		SourceRules.checkCredentialNames(type, config, names);
		boolean scopeChanged = SourceTypes.ONENOTE.equals(type) && configChanged && !Objects
			.equals(OneNoteConfig.parse(config).scope(), OneNoteConfig.parse(source.getConfig()).scope());
		if (configChanged) {
			source.reconfigure(config, principals(source.getOwnerId(), config), now);
		}
		if (!changes.isEmpty()) {
			source.credentials(seal(id, source.getCredentials(), changes), now);
		}
		if (request.syncEnabled() != null) {
			source.syncEnabled(request.syncEnabled(), now);
		}
		if (scopeChanged) {
			source.status(SourceStatus.NEEDS_RECONNECT, "The scope changed to '" + OneNoteConfig.parse(config).scope()
					+ "': connect the Microsoft account again to grant it.", now);
		}
		else if ((configChanged || !changes.isEmpty())
				&& !(SourceTypes.ONENOTE.equals(type) && source.getStatus() == SourceStatus.NEEDS_RECONNECT)) {
			source.status(SourceStatus.OK, null, now);
		}
		log.info("Data source {} updated: name {}, config {}, credentials {}, sync enabled {}", id,
				(request.name() != null) ? "changed" : "kept", configChanged ? "changed" : "kept", changes.keySet(),
				source.isSyncEnabled());
		return view(source, this.jobs.latestOf(id).orElse(null));
	}

	/**
	 * A source as the worker needs it, with its credentials decrypted.
	 * @param id the source
	 * @return the source
	 * @throws ApiException 404 when there is no such source, 500 when its credentials
	 * cannot be decrypted with the configured keys
	 */
	@Transactional(readOnly = true)
	public SourceDetails details(UUID id) {
		DataSourceEntity source = find(id);
		Optional<SyncState> state = this.jobs.syncState(id);
		return new SourceDetails(source.getId(), source.getType(), source.getName(), source.getConfig(),
				source.getOwnerId(), List.copyOf(source.getPrincipals()), open(source),
				state.map(SyncState::cursor).orElse(null), state.map(SyncState::lastSyncedAt).orElse(null),
				source.getStatus());
	}

	/**
	 * Merges credentials the worker changed (a rotated refresh token).
	 * @param id the source
	 * @param update the changed credentials; {@code null} removes one
	 * @throws ApiException 404 when there is no such source, 503 without encryption key
	 * @throws InvalidSourceConfigException naming a credential the type does not know
	 */
	@Transactional
	public void updateCredentials(UUID id, CredentialsUpdate update) {
		DataSourceEntity source = find(id);
		Map<String, String> changes = SourceRules.readCredentials(update.credentials(), true);
		SourceRules.checkKnownNames(source.getType(), changes.keySet());
		source.credentials(seal(id, source.getCredentials(), changes), now());
		log.info("Credentials {} of data source {} changed by the indexing worker", changes.keySet(), id);
	}

	/**
	 * Records a source's status.
	 * @param id the source
	 * @param status the status
	 * @param error what is wrong, or {@code null}
	 * @throws ApiException 404 when there is no such source
	 */
	@Transactional
	public void updateStatus(UUID id, SourceStatus status, String error) {
		DataSourceEntity source = find(id);
		String trimmed = (error == null || error.isBlank()) ? null
				: (error.length() > MAX_STATUS_ERROR) ? error.substring(0, MAX_STATUS_ERROR) : error.strip();
		if (source.getStatus() != status) {
			log.info("Data source {} is now {}{}", id, status.value(), (trimmed != null) ? ": " + trimmed : "");
		}
		source.status(status, (status == SourceStatus.OK) ? null : trimmed, now());
	}

	/**
	 * Stores the refresh token of a connected account: the source is ready to sync.
	 * @param id the source
	 * @param refreshToken the refresh token
	 * @throws ApiException 404 when the source no longer exists
	 */
	@Transactional
	public void connected(UUID id, String refreshToken) {
		DataSourceEntity source = find(id);
		Instant now = now();
		source.credentials(seal(id, source.getCredentials(), Map.of(SourceRules.REFRESH_TOKEN, refreshToken)), now);
		source.status(SourceStatus.OK, null, now);
	}

	/**
	 * Queues a sync of a source.
	 * @param id the source
	 * @param full whether to list everything at the source; the first sync of a source,
	 * and the first after its configuration changed, are full anyway
	 * @return the queued job
	 * @throws ApiException 404 when there is no such source, 409 when a sync of it is
	 * already queued or running, or when its account must be connected first
	 */
	@Transactional
	public JobView requestSync(UUID id, boolean full) {
		DataSourceEntity source = find(id);
		if (source.getStatus() == SourceStatus.NEEDS_RECONNECT) {
			throw ApiException.conflict("Data source " + id + " cannot be synced until its account is connected again"
					+ ((source.getStatusError() != null) ? ": " + source.getStatusError() : ".")
					+ (SourceTypes.ONENOTE.equals(source.getType()) ? ""
							: " Give new credentials with PATCH /api/v2/admin/sources/" + id + "."));
		}
		JobView job = queueSync(source, full);
		log.info("Sync job {} of data source {} queued", job.id(), id);
		return job;
	}

	/**
	 * Queues a sync when the source syncs on its own, can be synced and has no sync
	 * queued or running.
	 * @param id the source
	 * @return the queued job, or empty
	 */
	@Transactional
	public Optional<JobView> queueSyncIfIdle(UUID id) {
		Optional<DataSourceEntity> found = this.repository.findById(id);
		if (found.isEmpty() || !found.get().isSyncEnabled()
				|| found.get().getStatus() == SourceStatus.NEEDS_RECONNECT) {
			return Optional.empty();
		}
		Optional<JobView> latest = this.jobs.latestOf(id);
		if (latest.isPresent() && !latest.get().state().isFinished()) {
			return Optional.empty();
		}
		return Optional.of(queueSync(found.get(), false));
	}

	/**
	 * The sources the scheduled sync may queue: sync enabled, not waiting for a
	 * reconnection, no sync queued or running.
	 * @return their ids, oldest source first
	 */
	@Transactional(readOnly = true)
	public List<UUID> idleSourcesToSync() {
		List<UUID> candidates = this.repository.findIdsToSyncOnSchedule();
		Map<UUID, JobView> latest = this.jobs.latestOf(candidates);
		return candidates.stream().filter((id) -> {
			JobView job = latest.get(id);
			return job == null || (job.state() != JobState.QUEUED && job.state() != JobState.RUNNING);
		}).toList();
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

	/**
	 * The type and configuration of a source that is to be connected to an account.
	 * @param id the source
	 * @return its OneNote configuration
	 * @throws ApiException 404 when there is no such source, 400 when it is not a OneNote
	 * source
	 */
	@Transactional(readOnly = true)
	public OneNoteConfig oneNoteConfig(UUID id) {
		DataSourceEntity source = find(id);
		if (!SourceTypes.ONENOTE.equals(source.getType())) {
			throw ApiException.badRequest("Data source " + id + " is a " + source.getType()
					+ " source; only OneNote sources are connected to a Microsoft account.");
		}
		return OneNoteConfig.parse(source.getConfig());
	}

	private JobView queueSync(DataSourceEntity source, boolean requestedFull) {
		boolean full = requestedFull || source.isNextSyncFull()
				|| this.jobs.syncState(source.getId()).map(SyncState::lastSyncedAt).isEmpty();
		UUID jobId = UUID.randomUUID();
		UUID outboxId = this.outbox.append(Topology.INDEXING_EXCHANGE, Topology.SYNC_REQUESTED,
				new SyncRequested(jobId, source.getId(), source.getType(), now(), full));
		JobView job = this.jobs.createQueued(jobId, source.getId(), full, outboxId);
		source.syncQueued();
		return job;
	}

	private DataSourceEntity find(UUID id) {
		return this.repository.findById(id)
			.orElseThrow(() -> ApiException.notFound("There is no data source " + id + "."));
	}

	private Map<String, Object> checkConfig(String type, Map<String, Object> given) {
		if (SourceTypes.FILESYSTEM.equals(type)) {
			return checkFilesystemConfig(given);
		}
		SourceRules.checkConfig(type, given);
		return new LinkedHashMap<>(given);
	}

	private Map<String, String> seal(UUID sourceId, Map<String, String> sealed, Map<String, String> changes) {
		Map<String, String> result = new LinkedHashMap<>(sealed);
		try {
			// values sealed with a previous key move to the current one with any change
			sealed.forEach((name, value) -> {
				if (!changes.containsKey(name)
						&& !Objects.equals(SecretBox.keyIdOf(value), this.secrets.currentKeyId())) {
					result.put(name, this.secrets.seal(openOne(sourceId, name, value), context(sourceId, name)));
				}
			});
			changes.forEach((name, value) -> {
				if (value == null) {
					result.remove(name);
				}
				else {
					result.put(name, this.secrets.seal(value, context(sourceId, name)));
				}
			});
		}
		catch (SecretKeyMissingException ex) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Credentials cannot be stored",
					"This service has no key to encrypt credentials with, so it stores none. " + ex.getMessage());
		}
		return result;
	}

	private Map<String, String> open(DataSourceEntity source) {
		Map<String, String> plain = new LinkedHashMap<>();
		source.getCredentials().forEach((name, sealed) -> plain.put(name, openOne(source.getId(), name, sealed)));
		return plain;
	}

	private String openOne(UUID sourceId, String name, String sealed) {
		try {
			return this.secrets.open(sealed, context(sourceId, name));
		}
		catch (SecretUnreadableException ex) {
			log.error("Credentials of data source {} cannot be decrypted: {}", sourceId, ex.getMessage());
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Credentials unreadable", ex.getMessage());
		}
	}

	private static String context(UUID sourceId, String name) {
		return "data_sources/" + sourceId + "/credentials/" + name;
	}

	private Map<String, Object> checkFilesystemConfig(Map<String, Object> given) {
		Map<String, Object> config = new LinkedHashMap<>(given);
		Object path = config.get("path");
		if (path != null && !(path instanceof String)) {
			throw new InvalidSourceConfigException("config.path",
					"'config.path' must be a string: the absolute path of a folder.");
		}
		Path folder;
		try {
			folder = this.allowedRoots.checkFolder((String) path);
		}
		catch (PathNotAllowedException ex) {
			throw new InvalidSourceConfigException("config.path", ex.getMessage());
		}
		config.put("path", folder.toString());
		Object isPrivate = config.get("private");
		if (isPrivate != null && !(isPrivate instanceof Boolean)) {
			throw new InvalidSourceConfigException("config.private", "'config.private' must be true or false.");
		}
		Object principals = config.get("principals");
		if (principals != null) {
			config.put("principals", checkPrincipals(principals));
		}
		return config;
	}

	private static List<String> checkPrincipals(Object principals) {
		if (!(principals instanceof List<?> list)) {
			throw new InvalidSourceConfigException("config.principals",
					"'config.principals' must be a list such as [\"group:finance\"].");
		}
		List<String> checked = new ArrayList<>();
		for (Object principal : list) {
			if (!(principal instanceof String value) || !PRINCIPAL.matcher(value.trim()).matches()) {
				throw new InvalidSourceConfigException("config.principals", "'config.principals' has '" + principal
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

	private static String defaultName(String type, Map<String, Object> config) {
		String name = switch (type) {
			case SourceTypes.FILESYSTEM -> {
				Path folder = Path.of((String) config.get("path"));
				Path fileName = folder.getFileName();
				yield (fileName != null) ? fileName.toString() : folder.toString();
			}
			case SourceTypes.ONENOTE -> {
				OneNoteConfig onenote = OneNoteConfig.parse(config);
				yield OneNoteConfig.SITE.equals(onenote.scope()) ? "OneNote of site " + onenote.siteId()
						: "OneNote notebooks";
			}
			case SourceTypes.SHAREPOINT -> "SharePoint site " + SharePointConfig.parse(config).siteId();
			case SourceTypes.DATABRICKS ->
				"Databricks " + java.net.URI.create(DatabricksConfig.parse(config).workspaceUrl()).getHost();
			default -> type;
		};
		return (name.length() > 255) ? name.substring(0, 255) : name;
	}

	private SourceView view(DataSourceEntity source, JobView latestJob) {
		return new SourceView(source.getId(), source.getType(), source.getName(), source.getConfig(),
				source.getOwnerId(), source.isSyncEnabled(), source.getStatus(), source.getStatusError(),
				List.copyOf(new TreeSet<>(source.getCredentials().keySet())),
				this.jobs.syncState(source.getId()).map(SyncState::lastSyncedAt).orElse(null), source.getCreatedAt(),
				source.getUpdatedAt(), latestJob);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
