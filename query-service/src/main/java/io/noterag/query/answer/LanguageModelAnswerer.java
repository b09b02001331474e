package io.noterag.query.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.query.tokens.LanguageModelTokens;
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
 * (an out-of-range one is removed and reported). The prompt is measured with the model's
 * tokenizer and trimmed to fit its context window. Without a configured provider, or when
 * every provider fails, the caller answers extractively.
 */
@Component
public class LanguageModelAnswerer {

	/** The smallest prompt budget, whatever the model's window. */
	static final int MIN_PROMPT_TOKENS = 500;

	/** Sources are never cut shorter than this to make a prompt fit. */
	static final int MIN_SOURCE_CHARACTERS = 200;

	private final ObjectProvider<ChatGateway> gateway;

	private final PromptTemplates templates;

	private final GenerationProperties properties;

	private final ExtractiveAnswerer extractive;

	private final LanguageModelTokens tokens;

	public LanguageModelAnswerer(ObjectProvider<ChatGateway> gateway, PromptTemplates templates,
			GenerationProperties properties, ExtractiveAnswerer extractive, LanguageModelTokens tokens) {
		this.gateway = gateway;
		this.templates = templates;
		this.properties = properties;
		this.extractive = extractive;
		this.tokens = tokens;
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
		return request(question, chunks, history, null);
	}

	/**
	 * The request a question and its sources make, to be answered by a deadline.
	 * @param question the (standalone) question
	 * @param chunks the retrieved chunks, best first; numbered from 1 in this order
	 * @param history the conversation's earlier user and assistant messages, oldest
	 * first; the last {@code noterag.generation.history-messages} are sent
	 * @param deadline when the model must have answered (the first piece of a stream), or
	 * {@code null} for the model's own deadline
	 * @return the request
	 */
	public ChatRequest request(String question, List<RetrievedChunk> chunks, List<ChatMessage> history,
			Instant deadline) {
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
		// stay inside the model's context window, counted with its tokenizer: older
		// history goes first, then the sources get shorter (never fewer, so that their
		// numbers stay)
		int budget = promptBudget();
		int systemTokens = this.tokens.count(ChatMessage.system(system));
		List<Integer> historyTokens = new ArrayList<>();
		kept.forEach((message) -> historyTokens.add(this.tokens.count(message)));
		int userTokens = this.tokens.count(ChatMessage.user(user));
		while (total(systemTokens, historyTokens, userTokens) > budget && !kept.isEmpty()) {
			kept.remove(0);
			historyTokens.remove(0);
		}
		while (total(systemTokens, historyTokens, userTokens) > budget && sourceCharacters > MIN_SOURCE_CHARACTERS) {
			sourceCharacters = Math.max(MIN_SOURCE_CHARACTERS, sourceCharacters / 2);
			user = this.templates.user(question, chunks, sourceCharacters);
			userTokens = this.tokens.count(ChatMessage.user(user));
		}
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.system(system));
		messages.addAll(kept);
		messages.add(ChatMessage.user(user));
		return new ChatRequest(messages, this.properties.temperature(), this.properties.maxOutputTokens(), false,
				deadline);
	}

	/**
	 * The most tokens a prompt may have: {@code max-prompt-tokens}, and never more than
	 * the model's context window leaves beside the answer.
	 * @return tokens
	 */
	public int promptBudget() {
		int window = this.tokens.contextWindow() - this.properties.maxOutputTokens();
		return Math.max(MIN_PROMPT_TOKENS, Math.min(this.properties.maxPromptTokens(), window));
	}

	private static int total(int system, List<Integer> history, int user) {
		int total = system + user + LanguageModelTokens.REPLY_PRIMING;
		for (int message : history) {
			total += message;
		}
		return total;
	}

	/**
	 * Asks the language model for the answer and waits for it.
	 * @param question the (standalone) question
	 * @param chunks the retrieved chunks, best first
	 * @param history the conversation's earlier messages, oldest first
	 * @param deadline when the model must have answered, or {@code null} for its own
	 * deadline
	 * @return the checked answer with what it cost
	 * @throws ChatUnavailableException when no provider answered
	 */
	public Written write(String question, List<RetrievedChunk> chunks, List<ChatMessage> history, Instant deadline) {
		if (chunks.isEmpty()) {
			return new Written(Answer.notFound(), null, List.of());
		}
		ChatGateway chat = this.gateway.getIfAvailable();
		if (chat == null || !chat.configured()) {
			throw new ChatUnavailableException("No language model is configured", List.of());
		}
		return checked(question, chunks, chat.complete(request(question, chunks, history, deadline)));
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
