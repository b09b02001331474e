package io.noterag.document.source.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DataSourceRepository extends JpaRepository<DataSourceEntity, UUID> {

	Page<DataSourceEntity> findAllByOrderByCreatedAtDescIdAsc(Pageable pageable);

	/**
	 * The sources the hourly sync may queue: enabled and not waiting for a reconnection.
	 */
	@Query(value = """
			SELECT id FROM data_sources
			WHERE sync_enabled AND status <> 'needs_reconnect'
			ORDER BY created_at, id
			""", nativeQuery = true)
	List<UUID> findIdsToSyncOnSchedule();

	@Query(value = "SELECT count(*) FROM data_sources WHERE credentials <> '{}'::jsonb", nativeQuery = true)
	long countWithCredentials();

	/** The ids of the keys that sealed stored credentials. */
	@Query(value = """
			SELECT DISTINCT split_part(c.value, ':', 2)
			FROM data_sources s, jsonb_each_text(s.credentials) c
			""", nativeQuery = true)
	List<String> findCredentialKeyIds();

}
