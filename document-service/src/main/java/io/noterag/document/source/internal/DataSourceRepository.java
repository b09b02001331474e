package io.noterag.document.source.internal;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DataSourceRepository extends JpaRepository<DataSourceEntity, UUID> {

	Page<DataSourceEntity> findAllByOrderByCreatedAtDescIdAsc(Pageable pageable);

}
