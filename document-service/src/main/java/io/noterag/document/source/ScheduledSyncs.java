package io.noterag.document.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.document.job.JobView;
import io.noterag.shared.web.ApiException;

/**
 * The scheduled incremental sync: queues a sync of every source that has sync enabled, is
 * not waiting for a reconnection and has no sync queued or running. It runs under a
 * cluster-wide ShedLock lock held for at least {@code lock-at-least-for}, so that of the
 * replicas firing for the same schedule only one queues anything. Each source is queued
 * in its own transaction: one failing source does not stop the others.
 */
public class ScheduledSyncs {

	/** The lock's name in the {@code shedlock} table. */
	public static final String LOCK_NAME = "document-service.scheduled-source-sync";

	private static final Logger log = LoggerFactory.getLogger(ScheduledSyncs.class);

	private final SourceService sources;

	private final LockingTaskExecutor executor;

	private final SyncScheduleProperties properties;

	private final Clock clock;

	/**
	 * Creates the scheduled sync of one replica.
	 * @param sources the sources
	 * @param lockProvider the cluster-wide lock
	 * @param properties how long the lock is held
	 * @param clock the clock
	 */
	public ScheduledSyncs(SourceService sources, LockProvider lockProvider, SyncScheduleProperties properties,
			Clock clock) {
		this.sources = sources;
		this.executor = new DefaultLockingTaskExecutor(lockProvider);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Queues the scheduled syncs now, unless another replica holds the lock.
	 * @return the queued jobs, or empty when another replica has the lock
	 */
	public Optional<List<JobView>> run() {
		TaskResult<List<JobView>> result;
		try {
			result = this.executor.executeWithLock(this::queueAll, new LockConfiguration(this.clock.instant(),
					LOCK_NAME, this.properties.lockAtMostFor(), this.properties.lockAtLeastFor()));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		if (!result.wasExecuted()) {
			log.debug("Scheduled sync skipped: another replica holds the lock");
			return Optional.empty();
		}
		return Optional.of(result.getResult());
	}

	private List<JobView> queueAll() {
		List<JobView> queued = new ArrayList<>();
		int failed = 0;
		for (UUID id : this.sources.idleSourcesToSync()) {
			try {
				this.sources.queueSyncIfIdle(id).ifPresent(queued::add);
			}
			catch (ApiException ex) {
				// queued by someone else in between, or deleted
				log.debug("Scheduled sync of data source {} not queued: {}", id, ex.getMessage());
			}
			catch (RuntimeException ex) {
				failed++;
				log.warn("Scheduled sync of data source {} could not be queued", id, ex);
			}
		}
		log.info("Scheduled sync: {} sources queued{}", queued.size(), (failed > 0) ? ", " + failed + " failed" : "");
		return queued;
	}

}
