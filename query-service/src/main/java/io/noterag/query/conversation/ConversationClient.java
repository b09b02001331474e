package io.noterag.query.conversation;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.tokens.LanguageModelTokens;
import io.noterag.shared.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;

/**
 * Calls conversation-service's internal API with this service's token. A conversation the
 * user does not own is "not found"; an unreachable or failing conversation-service is a
 * 503 naming it, because an answer must come with a real conversation id. With a language
 * model configured, a conversation's context is asked for within the share of the model's
 * context window that history may take ({@code max_tokens}) and counted with the model's
 * tokenizer ({@code model}).
 */
@Component
public class ConversationClient {

	private static final Logger log = LoggerFactory.getLogger(ConversationClient.class);

	private static final String SERVICE = "conversation-service";

	private final RestClient client;

	private final int contextMessages;

	private final LanguageModelTokens tokens;

	public ConversationClient(RestClient.Builder builder, ServicesProperties properties, LanguageModelTokens tokens) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(properties.readTimeout());
		this.client = builder.baseUrl(properties.conversationUrl()).requestFactory(requestFactory).build();
		this.contextMessages = properties.contextMessages();
		this.tokens = tokens;
	}

	/**
	 * The recent messages of a conversation of the user.
	 * @param conversationId the conversation
	 * @param userId the user who must own it
	 * @return its context
	 * @throws ApiException 404 when it does not exist or is not the user's, 503 when
	 * conversation-service cannot answer
	 */
	public ConversationContext context(UUID conversationId, String userId) {
		try {
			ConversationContext context = this.client.get()
				.uri((uri) -> contextUri(uri, conversationId, userId))
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(ConversationContext.class);
			if (context == null) {
				throw unavailable("returned no conversation context", null);
			}
			return context;
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw ApiException.notFound("conversation not found");
		}
		catch (RestClientException | IllegalStateException ex) {
			throw translate("could not load the conversation", ex);
		}
	}

	private URI contextUri(UriBuilder uri, UUID conversationId, String userId) {
		uri.path("/internal/conversations/{id}/context")
			.queryParam("user_id", userId)
			.queryParam("max_messages", this.contextMessages);
		if (this.tokens.model() != null) {
			uri.queryParam("max_tokens", this.tokens.historyTokens()).queryParam("model", "{model}");
			return uri.build(conversationId, this.tokens.model());
		}
		return uri.build(conversationId);
	}

	/**
	 * Stores a question and its answer in one step; creates the conversation when the
	 * turn names none.
	 * @param turn the turn
	 * @return where it was stored
	 * @throws ApiException 404 when the conversation is not the user's, 503 when
	 * conversation-service cannot answer
	 */
	public StoredTurn store(Turn turn) {
		try {
			StoredTurn stored = this.client.post()
				.uri("/internal/conversations/turns")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(turn)
				.retrieve()
				.body(StoredTurn.class);
			if (stored == null || stored.conversationId() == null) {
				throw unavailable("returned no conversation id for the stored turn", null);
			}
			return stored;
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw ApiException.notFound("conversation not found");
		}
		catch (RestClientException | IllegalStateException ex) {
			throw translate("could not store the question and its answer", ex);
		}
	}

	/**
	 * Renames a conversation with a title written after its first exchange, unless it has
	 * been named otherwise meanwhile (conversation-service compares the current title
	 * with the one made from {@code namedAfter}).
	 * @param conversationId the conversation
	 * @param userId its owner
	 * @param title the new title
	 * @param namedAfter the question the conversation is named after for now
	 * @throws ApiException 404 when the conversation is gone or not the user's, 503 when
	 * conversation-service cannot answer
	 */
	public void retitle(UUID conversationId, String userId, String title, String namedAfter) {
		try {
			this.client.put()
				.uri("/internal/conversations/{id}/title", conversationId)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("user_id", userId, "title", title, "named_after", namedAfter))
				.retrieve()
				.toBodilessEntity();
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw ApiException.notFound("conversation not found");
		}
		catch (RestClientException ex) {
			throw translate("could not rename the conversation", ex);
		}
	}

	private static ApiException translate(String what, RuntimeException ex) {
		if (ex instanceof RestClientResponseException response && response.getStatusCode().is4xxClientError()) {
			log.error("{} rejected a call ({}): {}", SERVICE, response.getStatusCode().value(), what);
			return new ApiException(HttpStatus.BAD_GATEWAY, "Bad gateway",
					SERVICE + " rejected the request: " + what + ".");
		}
		return unavailable(what, ex);
	}

	private static ApiException unavailable(String what, RuntimeException ex) {
		log.warn("{} is unavailable: {} ({})", SERVICE, what, (ex != null) ? ex.toString() : "empty response");
		return ApiException.unavailable(SERVICE + " is unavailable: " + what + ". Try again shortly.");
	}

}
