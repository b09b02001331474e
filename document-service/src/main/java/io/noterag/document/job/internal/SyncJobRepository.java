package io.noterag.document.job.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import io.noterag.document.job.JobState;

public interface SyncJobRepository extends JpaRepository<SyncJobEntity, UUID> {

	/** The job, locked until the end of the transaction (the reaper waits for it). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select j from SyncJobEntity j where j.id = :id")
	Optional<SyncJobEntity> findForUpdate(UUID id);

	Page<SyncJobEntity> findByDataSourceIdOrderByCreatedAtDesc(UUID dataSourceId, Pageable pageable);

	Optional<SyncJobEntity> findFirstByDataSourceIdAndStateIn(UUID dataSourceId, Collection<JobState> states);

	@Query(value = """
			SELECT DISTINCT ON (data_source_id) * FROM sync_jobs
			WHERE data_source_id IN (:dataSourceIds)
			ORDER BY data_source_id, created_at DESC, id
			""", nativeQuery = true)
	List<SyncJobEntity> findLatestOf(Collection<UUID> dataSourceIds);

}
