package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.noterag.conversation.history.internal.ConversationEntity;
import io.noterag.conversation.history.internal.ConversationRepository;
import io.noterag.conversation.history.internal.MessageEntity;
import io.noterag.conversation.history.internal.MessageRepository;
import io.noterag.shared.web.ApiException;

/**
 * Conversations of users and their messages. Every operation is scoped to one user: a
 * conversation of anyone else is treated as missing. Nothing is kept in memory, so any
 * replica answers any request.
 */
@Service
public class ConversationService {

	/** Longest title the table holds. */
	public static final int MAX_TITLE_LENGTH = 500;

	/** Longest question or answer accepted. */
	public static final int MAX_CONTENT_LENGTH = 200_000;

	static final String USER = "user";

	static final String ASSISTANT = "assistant";

	private final ConversationRepository conversations;

	private final MessageRepository messages;

	private final ConversationProperties properties;

	private final Clock clock;

	public ConversationService(ConversationRepository conversations, MessageRepository messages,
			ConversationProperties properties) {
		this.conversations = conversations;
		this.messages = messages;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@Transactional(readOnly = true)
	public ConversationPage list(UUID userId, int limit, int offset) {
		List<ConversationSummary> page = this.conversations.findSummaries(userId, limit, offset)
			.stream()
			.map((row) -> new ConversationSummary(row.id(), row.title(), row.createdAt(), row.updatedAt(),
					row.messageCount()))
			.toList();
		return new ConversationPage(page, this.conversations.countByUserId(userId));
	}

	@Transactional(readOnly = true)
	public ConversationDetail get(UUID userId, UUID conversationId) {
		ConversationEntity conversation = this.conversations.findByIdAndUserId(conversationId, userId)
			.orElseThrow(() -> notFound(conversationId));
		List<Message> history = this.messages.findByConversationIdOrderBySentAtAscSeqAsc(conversationId)
			.stream()
			.map(ConversationService::toMessage)
			.toList();
		return toDetail(conversation, history);
	}

	@Transactional
	public ConversationDetail create(UUID userId, String title) {
		String effective = (title == null || title.isBlank()) ? this.properties.defaultTitle() : title.strip();
		ConversationEntity conversation = this.conversations
			.save(new ConversationEntity(UUID.randomUUID(), userId, effective, now()));
		return toDetail(conversation, List.of());
	}

	@Transactional
	public void delete(UUID userId, UUID conversationId) {
		if (this.conversations.deleteByIdAndOwner(conversationId, userId) == 0) {
			throw notFound(conversationId);
		}
	}

	@Transactional(readOnly = true)
	public ConversationContext context(UUID userId, UUID conversationId, int maxMessages) {
		ConversationEntity conversation = this.conversations.findByIdAndUserId(conversationId, userId)
			.orElseThrow(() -> notFound(conversationId));
		int count = Math.min(maxMessages, this.properties.maxContextMessages());
		List<ConversationContext.ContextMessage> recent = new ArrayList<>(
				this.messages.findByConversationIdOrderBySentAtDescSeqDesc(conversationId, Limit.of(count))
					.stream()
					.map((m) -> new ConversationContext.ContextMessage(m.getRole(), m.getContent(), m.getSentAt(),
							m.getMetadata()))
					.toList());
		Collections.reverse(recent);
		return new ConversationContext(conversation.getId(), conversation.getTitle(), recent);
	}

	/**
	 * Stores a question and its answer as two messages in one transaction, starting a
	 * conversation titled after the question when the turn names none. Either both
	 * messages are stored (and the conversation's {@code updated_at} moves) or nothing
	 * is.
	 * @param turn the turn
	 * @return the ids of the conversation and the two messages
	 */
	@Transactional
	public TurnRecorded recordTurn(Turn turn) {
		Instant now = now();
		ConversationEntity conversation;
		if (turn.conversationId() == null) {
			String title = Titles.fromQuestion(turn.question(), this.properties.titleMaxLength());
			conversation = this.conversations
				.save(new ConversationEntity(UUID.randomUUID(), turn.userId(), title, now));
		}
		else {
			conversation = this.conversations.findForUpdate(turn.conversationId(), turn.userId())
				.orElseThrow(() -> notFound(turn.conversationId()));
			conversation.touch(now);
		}
		MessageEntity question = new MessageEntity(UUID.randomUUID(), conversation.getId(), USER, turn.question(), now,
				orEmpty(turn.userMetadata()), null, null);
		MessageEntity answer = new MessageEntity(UUID.randomUUID(), conversation.getId(), ASSISTANT, turn.answer(), now,
				orEmpty(turn.assistantMetadata()), turn.tokensUsed(), sixDecimals(turn.costUsd()));
		this.messages.save(question);
		this.messages.save(answer);
		this.messages.flush();
		return new TurnRecorded(conversation.getId(), question.getId(), answer.getId());
	}

	private Instant now() {
		// the database keeps microseconds: answer with what a later read returns
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ConversationDetail toDetail(ConversationEntity conversation, List<Message> history) {
		return new ConversationDetail(conversation.getId(), conversation.getTitle(), conversation.getCreatedAt(),
				conversation.getUpdatedAt(), history);
	}

	private static Message toMessage(MessageEntity message) {
		return new Message(message.getId(), message.getRole(), message.getContent(), message.getSentAt(),
				message.getMetadata(), message.getTokensUsed(), message.getCostUsd());
	}

	private static Map<String, Object> orEmpty(Map<String, Object> metadata) {
		return (metadata != null) ? metadata : Map.of();
	}

	private static BigDecimal sixDecimals(BigDecimal value) {
		return (value != null) ? value.setScale(6, RoundingMode.HALF_UP) : null;
	}

	private static ApiException notFound(UUID conversationId) {
		return ApiException.notFound("Conversation " + conversationId + " does not exist.");
	}

}
