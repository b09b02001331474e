package io.noterag.conversation.history.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConversationRepository extends JpaRepository<ConversationEntity, UUID> {

	Optional<ConversationEntity> findByIdAndUserId(UUID id, UUID userId);

	/**
	 * The conversation, locked until the transaction ends, so that a turn stored into it
	 * and its deletion never interleave.
	 * @param id the conversation
	 * @param userId its owner
	 * @return the conversation, or empty when it is missing or another user's
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from ConversationEntity c where c.id = :id and c.userId = :userId")
	Optional<ConversationEntity> findForUpdate(@Param("id") UUID id, @Param("userId") UUID userId);

	long countByUserId(UUID userId);

	@Query("""
			select new io.noterag.conversation.history.internal.ConversationSummaryRow(
				c.id, c.title, c.createdAt, c.updatedAt, c.metadata,
				(select count(m) from MessageEntity m where m.conversationId = c.id))
			from ConversationEntity c
			where c.userId = :userId
			order by c.updatedAt desc, c.id desc
			limit :limit offset :offset""")
	List<ConversationSummaryRow> findSummaries(@Param("userId") UUID userId, @Param("limit") int limit,
			@Param("offset") int offset);

	@Modifying
	@Query("delete from ConversationEntity c where c.id = :id and c.userId = :userId")
	int deleteByIdAndOwner(@Param("id") UUID id, @Param("userId") UUID userId);

}
