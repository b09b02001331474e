package io.noterag.conversation.history;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.noterag.conversation.history.internal.ConversationEntity;
import io.noterag.conversation.history.internal.ConversationRepository;
import io.noterag.conversation.history.internal.MessageRepository;
import io.noterag.conversation.history.internal.RedisContextCache;
import io.noterag.conversation.history.internal.RedisContextCache.CachedContext;

/**
 * The context of a conversation's next turn: its last whole messages within a number of
 * messages and a token budget, counted the way the model that will read them counts (or
 * with the configured tokenizer when no model is named). Contexts are cached in Redis per
 * conversation, token counting and limits, and dropped once a change of the conversation
 * (a turn, a new title, its deletion) is committed; without Redis every context is
 * computed from the database.
 */
@Service
public class ContextService {

	private final ConversationRepository conversations;

	private final MessageRepository messages;

	private final TokenCounters tokens;

	private final RedisContextCache cache;

	private final ConversationProperties.Context settings;

	private final TransactionTemplate readOnly;

	ContextService(ConversationRepository conversations, MessageRepository messages, TokenCounters tokens,
			RedisContextCache cache, ConversationProperties properties, PlatformTransactionManager transactions) {
		this.conversations = conversations;
		this.messages = messages;
		this.tokens = tokens;
		this.cache = cache;
		this.settings = properties.context();
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * The context of a user's conversation.
	 * @param userId the user who must own the conversation
	 * @param conversationId the conversation
	 * @param maxMessages most messages, already checked against the configured maximum
	 * @param maxTokens most tokens, already checked against the configured maximum
	 * @param model the model that will read the context, already checked to be a
	 * well-formed name, or {@code null} for the configured tokenizer
	 * @return the context, oldest message first
	 * @throws io.noterag.shared.web.ApiException 404 when the conversation is missing or
	 * another user's
	 */
	public ConversationContext context(UUID userId, UUID conversationId, int maxMessages, int maxTokens, String model) {
		TokenCounter counter = this.tokens.forModel(model);
		// models counted alike share entries; any other counting is another entry
		String variant = counter.key() + ":" + this.settings.tokensPerMessage() + ":" + maxMessages + ":" + maxTokens;
		RedisContextCache.Lookup lookup = this.cache.lookup(conversationId, variant);
		if (lookup.hit() != null) {
			if (!userId.equals(lookup.hit().ownerId())) {
				throw ConversationService.notFound(conversationId);
			}
			return lookup.hit().context();
		}
		Stored stored = this.readOnly.execute((status) -> read(userId, conversationId, maxMessages + 1));
		ContextWindow.Selection selection = ContextWindow.select(stored.newestFirst(), maxMessages, maxTokens,
				(content) -> counter.count(content) + this.settings.tokensPerMessage());
		ConversationContext context = new ConversationContext(conversationId, stored.title(), selection.messages(),
				selection.totalTokens(), maxMessages, maxTokens, counter.encoding(), counter.factor(),
				selection.truncated());
		this.cache.store(conversationId, variant, lookup.version(), new CachedContext(userId, context));
		return context;
	}

	/**
	 * Drops the cached contexts of a conversation once the change is committed.
	 * @param event the change
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ConversationChanged event) {
		this.cache.invalidate(event.conversationId());
	}

	private Stored read(UUID userId, UUID conversationId, int count) {
		ConversationEntity conversation = this.conversations.findByIdAndUserId(conversationId, userId)
			.orElseThrow(() -> ConversationService.notFound(conversationId));
		List<ContextWindow.Candidate> newestFirst = this.messages
			.findByConversationIdOrderBySentAtDescSeqDesc(conversationId, Limit.of(count))
			.stream()
			.map((m) -> new ContextWindow.Candidate(m.getId(), m.getRole(), m.getContent(), m.getSentAt(),
					m.getMetadata()))
			.toList();
		return new Stored(conversation.getTitle(), newestFirst);
	}

	private record Stored(String title, List<ContextWindow.Candidate> newestFirst) {

	}

}
