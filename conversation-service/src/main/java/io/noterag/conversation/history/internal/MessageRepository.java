package io.noterag.conversation.history.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<MessageEntity, UUID> {

	List<MessageEntity> findByConversationIdOrderBySentAtAscSeqAsc(UUID conversationId);

	List<MessageEntity> findByConversationIdOrderBySentAtDescSeqDesc(UUID conversationId, Limit limit);

	long countByConversationId(UUID conversationId);

}
