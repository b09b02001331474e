package io.noterag.conversation.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
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

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public ConversationService(ConversationRepository conversations, MessageRepository messages,
			ConversationProperties properties, ApplicationEventPublisher events) {
		this.conversations = conversations;
		this.messages = messages;
		this.properties = properties;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	@Transactional(readOnly = true)
	public ConversationPage list(UUID userId, int limit, int offset) {
		List<ConversationSummary> page = this.conversations.findSummaries(userId, limit, offset)
			.stream()
			.map((row) -> new ConversationSummary(row.id(), userId, row.title(), row.createdAt(), row.updatedAt(),
					row.metadata(), row.messageCount()))
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

	/**
	 * Starts an empty conversation. Without a title it is named by the configured default
	 * until its first exchange, which then names it.
	 * @param userId its owner
	 * @param title its title, or {@code null}
	 * @return the conversation
	 */
	@Transactional
	public ConversationDetail create(UUID userId, String title) {
		boolean untitled = title == null || title.isBlank();
		ConversationEntity conversation = this.conversations.save(new ConversationEntity(UUID.randomUUID(), userId,
				untitled ? this.properties.defaultTitle() : title.strip(), untitled, now()));
		return toDetail(conversation, List.of());
	}

	@Transactional
	public void delete(UUID userId, UUID conversationId) {
		if (this.conversations.deleteByIdAndOwner(conversationId, userId) == 0) {
			throw notFound(conversationId);
		}
		this.events.publishEvent(new ConversationChanged(conversationId));
	}

	/**
	 * Stores a question and its answer as two messages in one transaction, starting a
	 * conversation when the turn names none. A conversation without a title of its own is
	 * named on its first exchange: by the turn's {@code title} when it brings one,
	 * otherwise after the question. Either both messages are stored (and the
	 * conversation's {@code updated_at} moves) or nothing is.
	 * @param turn the turn
	 * @return the ids of the conversation and the two messages
	 */
	@Transactional
	public TurnRecorded recordTurn(Turn turn) {
		Instant now = now();
		ConversationEntity conversation;
		if (turn.conversationId() == null) {
			conversation = this.conversations
				.save(new ConversationEntity(UUID.randomUUID(), turn.userId(), titleOf(turn), false, now));
		}
		else {
			conversation = this.conversations.findForUpdate(turn.conversationId(), turn.userId())
				.orElseThrow(() -> notFound(turn.conversationId()));
			conversation.touch(now);
			if (conversation.isTitlePending()) {
				conversation.rename(titleOf(turn));
			}
		}
		MessageEntity question = new MessageEntity(UUID.randomUUID(), conversation.getId(), USER, turn.question(), now,
				orEmpty(turn.userMetadata()), null, null);
		MessageEntity answer = new MessageEntity(UUID.randomUUID(), conversation.getId(), ASSISTANT, turn.answer(), now,
				orEmpty(turn.assistantMetadata()), turn.tokensUsed(), sixDecimals(turn.costUsd()));
		this.messages.save(question);
		this.messages.save(answer);
		this.messages.flush();
		if (turn.conversationId() != null) {
			this.events.publishEvent(new ConversationChanged(conversation.getId()));
		}
		return new TurnRecorded(conversation.getId(), question.getId(), answer.getId());
	}

	/**
	 * Gives a conversation the title written after its first exchange, unless it has been
	 * named otherwise meanwhile: only while its title is still the one made from
	 * {@code namedAfter}.
	 * @param userId its owner
	 * @param conversationId the conversation
	 * @param title the new title (shortened to the limit)
	 * @param namedAfter the question it is named after for now
	 * @return whether it was renamed
	 * @throws ApiException 404 when it does not exist or is not the user's
	 */
	@Transactional
	public boolean retitle(UUID userId, UUID conversationId, String title, String namedAfter) {
		ConversationEntity conversation = this.conversations.findForUpdate(conversationId, userId)
			.orElseThrow(() -> notFound(conversationId));
		int limit = this.properties.titleMaxLength();
		if (!conversation.getTitle().equals(Titles.fromQuestion(namedAfter, limit))) {
			return false;
		}
		conversation.rename(Titles.fromQuestion(title, limit));
		// cached contexts carry the title
		this.events.publishEvent(new ConversationChanged(conversationId));
		return true;
	}

	private String titleOf(Turn turn) {
		String source = (turn.title() != null && !turn.title().isBlank()) ? turn.title() : turn.question();
		return Titles.fromQuestion(source, this.properties.titleMaxLength());
	}

	private Instant now() {
		// the database keeps microseconds: answer with what a later read returns
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ConversationDetail toDetail(ConversationEntity conversation, List<Message> history) {
		return new ConversationDetail(conversation.getId(), conversation.getUserId(), conversation.getTitle(),
				conversation.getCreatedAt(), conversation.getUpdatedAt(), conversation.getMetadata(), history);
	}

	private static Message toMessage(MessageEntity message) {
		return new Message(message.getId(), message.getConversationId(), message.getRole(), message.getContent(),
				message.getSentAt(), message.getMetadata(), message.getTokensUsed(), message.getCostUsd());
	}

	private static Map<String, Object> orEmpty(Map<String, Object> metadata) {
		return (metadata != null) ? metadata : Map.of();
	}

	private static BigDecimal sixDecimals(BigDecimal value) {
		return (value != null) ? value.setScale(6, RoundingMode.HALF_UP) : null;
	}

	static ApiException notFound(UUID conversationId) {
		return ApiException.notFound("Conversation " + conversationId + " does not exist.");
	}

}
