package io.noterag.multimodal.image.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ImageRepository extends JpaRepository<ImageEntity, UUID> {

	List<ImageEntity> findByDocumentIdOrderByCreatedAtAscIdAsc(UUID documentId);

	/**
	 * A batch of the images found in the items of a data source.
	 * @param dataSourceId the data source
	 * @param page how many, from the first
	 * @return the images, ordered by id
	 */
	List<ImageEntity> findByDataSourceIdOrderByIdAsc(UUID dataSourceId, Pageable page);

	/**
	 * Records the data source on the images of a document that have none or another.
	 * @param documentId the document
	 * @param dataSourceId its data source
	 * @return how many rows changed
	 */
	@Transactional
	@Modifying
	@Query("update ImageEntity i set i.dataSourceId = :dataSourceId where i.documentId = :documentId"
			+ " and (i.dataSourceId is null or i.dataSourceId <> :dataSourceId)")
	int assignDataSource(@Param("documentId") UUID documentId, @Param("dataSourceId") UUID dataSourceId);

	@Transactional
	@Modifying
	@Query("delete from ImageEntity i where i.id in :ids")
	int deleteByIds(@Param("ids") Collection<UUID> ids);

}
