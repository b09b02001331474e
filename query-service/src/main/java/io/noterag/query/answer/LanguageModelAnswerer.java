package io.noterag.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatUnavailableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers written by a language model through the {@link ChatGateway}: the versioned
 * prompt with the retrieved chunks as numbered sources, the last messages of the
 * conversation, then the question; the model's citations are checked against the sources
 * (an out-of-range one is removed and reported). Without a configured provider, or when
 * every provider fails, the caller answers extractively.
 */
@Component
public class LanguageModelAnswerer {

	/** The usual size of a token of English text, for estimating prompt sizes. */
	static final int CHARACTERS_PER_TOKEN = 4;

	/** Sources are never cut shorter than this to make a prompt fit. */
	static final int MIN_SOURCE_CHARACTERS = 200;

	private final ObjectProvider<ChatGateway> gateway;

	private final PromptTemplates templates;

	private final GenerationProperties properties;

	private final ExtractiveAnswerer extractive;

	public LanguageModelAnswerer(ObjectProvider<ChatGateway> gateway, PromptTemplates templates,
			GenerationProperties properties, ExtractiveAnswerer extractive) {
		this.gateway = gateway;
		this.templates = templates;
		this.properties = properties;
		this.extractive = extractive;
	}

	/**
	 * Whether a language model provider is configured.
	 * @return {@code false} when answers are extractive
	 */
	public boolean available() {
		ChatGateway chat = this.gateway.getIfAvailable();
		return chat != null && chat.configured();
	}

	/**
	 * The request a question and its sources make.
	 * @param question the (standalone) question
	 * @param chunks the retrieved chunks, best first; numbered from 1 in this order
	 * @param history the conversation's earlier user and assistant messages, oldest
	 * first; the last {@code noterag.generation.history-messages} are sent
	 * @return the request
	 */
	public ChatRequest request(String question, List<RetrievedChunk> chunks, List<ChatMessage> history) {
		String system = this.templates.system();
		List<ChatMessage> kept = new ArrayList<>();
		int from = Math.max(0, history.size() - this.properties.historyMessages());
		for (ChatMessage message : history.subList(from, history.size())) {
			if (!message.content().isBlank() && message.role() != ChatMessage.Role.SYSTEM) {
				kept.add(message);
			}
		}
		int sourceCharacters = this.properties.maxSourceCharacters();
		String user = this.templates.user(question, chunks, sourceCharacters);
		// stay inside the model's context window: older history goes first, then the
		// sources get shorter (never fewer, so that their numbers stay)
		long budget = (long) this.properties.maxPromptTokens() * CHARACTERS_PER_TOKEN;
		while (characters(system, kept, user) > budget && !kept.isEmpty()) {
			kept.remove(0);
		}
		while (characters(system, kept, user) > budget && sourceCharacters > MIN_SOURCE_CHARACTERS) {
			sourceCharacters = Math.max(MIN_SOURCE_CHARACTERS, sourceCharacters / 2);
			user = this.templates.user(question, chunks, sourceCharacters);
		}
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.system(system));
		messages.addAll(kept);
		messages.add(ChatMessage.user(user));
		return new ChatRequest(messages, this.properties.temperature(), this.properties.maxOutputTokens(), false);
	}

	private static long characters(String system, List<ChatMessage> history, String user) {
		long total = system.length() + user.length();
		for (ChatMessage message : history) {
			total += message.content().length();
		}
		return total;
	}

	/**
	 * Asks the language model for the answer and waits for it.
	 * @param question the (standalone) question
	 * @param chunks the retrieved chunks, best first
	 * @param history the conversation's earlier messages, oldest first
	 * @return the checked answer with what it cost
	 * @throws ChatUnavailableException when no provider answered
	 */
	public Written write(String question, List<RetrievedChunk> chunks, List<ChatMessage> history) {
		if (chunks.isEmpty()) {
			return new Written(Answer.notFound(), null, List.of());
		}
		ChatGateway chat = this.gateway.getIfAvailable();
		if (chat == null || !chat.configured()) {
			throw new ChatUnavailableException("No language model is configured", List.of());
		}
		return checked(question, chunks, chat.complete(request(question, chunks, history)));
	}

	/**
	 * Checks what a model wrote (whole, or the end of a stream) against the sources.
	 * @param question the question, for the sources' snippets
	 * @param chunks the sources, numbered from 1 in this order
	 * @param result what the model answered
	 * @return the answer with only valid citations, cited sources first
	 */
	public Written checked(String question, List<RetrievedChunk> chunks, ChatResult result) {
		Citations.Checked checked = Citations.check(result.text().strip(), chunks.size());
		List<String> snippets = this.extractive.snippets(question, chunks.stream().map(RetrievedChunk::chunk).toList());
		List<AnswerSource> cited = new ArrayList<>();
		List<AnswerSource> others = new ArrayList<>();
		Set<Integer> numbers = checked.cited();
		for (int i = 0; i < chunks.size(); i++) {
			RetrievedChunk chunk = chunks.get(i);
			boolean isCited = numbers.contains(i + 1);
			AnswerSource source = new AnswerSource(i + 1, chunk.chunk(), chunk.score(), snippets.get(i), isCited);
			(isCited ? cited : others).add(source);
		}
		cited.addAll(others);
		return new Written(new Answer(checked.text(), cited, !numbers.isEmpty()), result, checked.removed());
	}

	/**
	 * An answer written by a language model.
	 *
	 * @param answer the checked answer
	 * @param result the model's result (provider, model, tokens, cost), {@code null} when
	 * no model was asked (nothing was retrieved)
	 * @param removedCitations citations of sources that do not exist, removed from the
	 * text
	 */
	public record Written(Answer answer, ChatResult result, List<Integer> removedCitations) {
	}

}
