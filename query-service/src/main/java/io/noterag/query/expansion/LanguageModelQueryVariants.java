package io.noterag.query.expansion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.noterag.query.answer.GenerationProperties;
import io.noterag.query.prompt.PromptTemplate;
import io.noterag.query.retrieval.QueryVariants;
import io.noterag.query.text.ContentWords;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatUnavailableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Query variants written by the language model in JSON mode, from the versioned prompt
 * {@code prompts/query-variants/v<version>/} ({@code system.txt}, and {@code user.txt}
 * with the {@code {{question}}} and the {@code {{count}}} of searches wanted). The model
 * answers {@code {"queries": ["...", ...]}}; the question itself is always searched
 * first, then the model's distinct queries. An answer that is not JSON makes the gateway
 * try again and then the next provider; when none answers, or the JSON has another shape
 * or no usable query, no variants are returned and the rules write them.
 */
@Component
class LanguageModelQueryVariants implements QueryVariants {

	private static final Logger log = LoggerFactory.getLogger(LanguageModelQueryVariants.class);

	private static final String SETTING = "noterag.generation.query-variants-prompt-version";

	private static final int MAX_QUERY_CHARACTERS = 500;

	private static final int MAX_OUTPUT_TOKENS = 300;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChatGateway chat;

	private final String system;

	private final PromptTemplate user;

	LanguageModelQueryVariants(ObjectProvider<ChatGateway> chat, GenerationProperties properties) {
		ChatGateway gateway = chat.getIfAvailable();
		this.chat = (gateway != null && gateway.configured()) ? gateway : null;
		int version = properties.queryVariantsPromptVersion();
		this.system = PromptTemplate.load("query-variants", version, "system.txt", SETTING).text().strip();
		this.user = PromptTemplate.load("query-variants", version, "user.txt", SETTING, "question", "count");
	}

	@Override
	public boolean available() {
		return this.chat != null;
	}

	@Override
	public Variants variants(String question, int max, Instant deadline) {
		String asked = question.strip();
		if (this.chat == null || max < 2) {
			return null;
		}
		ChatResult result;
		try {
			String prompt = this.user.render(Map.of("question", asked, "count", Integer.toString(max - 1))).strip();
			result = this.chat.complete(ChatRequest.of(this.system, prompt)
				.asJson()
				.withMaxOutputTokens(MAX_OUTPUT_TOKENS)
				.withDeadline(deadline));
		}
		catch (ChatUnavailableException ex) {
			log.warn("No language model wrote query variants: {}", ex.failures());
			return null;
		}
		List<String> queries = queries(result.text());
		if (queries == null) {
			log.warn("The language model's query variants ({}:{}) are not {\"queries\": [...]} with text in it",
					result.provider(), result.model());
			return null;
		}
		Map<String, String> distinct = new LinkedHashMap<>();
		add(distinct, asked);
		for (String query : queries) {
			if (distinct.size() >= max) {
				break;
			}
			add(distinct, query);
		}
		if (distinct.size() < 2) {
			log.warn("The language model's query variants ({}:{}) only repeat the question", result.provider(),
					result.model());
			return null;
		}
		return new Variants(List.copyOf(distinct.values()), result.provider() + ":" + result.model(), false);
	}

	@Override
	public String name() {
		return "llm";
	}

	/**
	 * The queries of the model's answer.
	 * @param json the answer, JSON already
	 * @return the non-blank queries, or {@code null} when the answer has another shape
	 */
	static List<String> queries(String json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
		JsonNode queries = (root != null) ? root.path("queries") : null;
		if (queries == null || !queries.isArray()) {
			return null;
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode query : queries) {
			if (query.isString()) {
				String text = query.stringValue().strip().replaceAll("\\s+", " ");
				if (!text.isEmpty() && text.length() <= MAX_QUERY_CHARACTERS) {
					texts.add(text);
				}
			}
		}
		return texts.isEmpty() ? null : texts;
	}

	/** Keeps a query unless an earlier one has the same words. */
	private static void add(Map<String, String> distinct, String query) {
		String key = String.join(" ", ContentWords.tokens(query)).toLowerCase(Locale.ROOT);
		if (key.isEmpty()) {
			key = query.toLowerCase(Locale.ROOT);
		}
		distinct.putIfAbsent(key, query);
	}

}
