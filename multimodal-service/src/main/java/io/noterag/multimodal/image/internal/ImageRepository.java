package io.noterag.multimodal.image.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ImageRepository extends JpaRepository<ImageEntity, UUID> {

	List<ImageEntity> findByDocumentIdOrderByCreatedAtAscIdAsc(UUID documentId);

	@Transactional
	@Modifying
	@Query("delete from ImageEntity i where i.id in :ids")
	int deleteByIds(@Param("ids") Collection<UUID> ids);

}
