package io.noterag.conversation.history;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.web.ApiException;

/**
 * What query-service needs: the context of a user's conversation for the next turn
 * (counted for the {@code model} that will read it), storing a question with its answer,
 * and renaming a conversation after its first exchange. Service tokens only (see the
 * shared resource server).
 */
@RestController
@RequestMapping("/internal/conversations")
class InternalConversationController {

	/** Longest model name taken. */
	static final int MAX_MODEL_LENGTH = 200;

	/**
	 * What model names are spelt with ({@code Qwen/Qwen2.5-7B-Instruct},
	 * {@code llama3.1:8b}).
	 */
	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._:/@+-]+");

	private final ContextService contexts;

	private final ConversationService conversations;

	private final ConversationProperties.Context limits;

	InternalConversationController(ContextService contexts, ConversationService conversations,
			ConversationProperties properties) {
		this.contexts = contexts;
		this.conversations = conversations;
		this.limits = properties.context();
	}

	@GetMapping("/{id}/context")
	ConversationContext context(@PathVariable UUID id, @RequestParam("user_id") UUID userId,
			@RequestParam(name = "max_messages", required = false) Integer maxMessages,
			@RequestParam(name = "max_tokens", required = false) Integer maxTokens,
			@RequestParam(name = "model", required = false) String model) {
		return this.contexts.context(userId, id,
				within("max_messages", maxMessages, this.limits.defaultMaxMessages(), this.limits.maxMessages()),
				within("max_tokens", maxTokens, this.limits.defaultMaxTokens(), this.limits.maxTokens()),
				modelName(model));
	}

	@PostMapping("/turns")
	TurnRecorded recordTurn(@Valid @RequestBody Turn turn) {
		return this.conversations.recordTurn(turn);
	}

	@PutMapping("/{id}/title")
	Map<String, Boolean> retitle(@PathVariable UUID id, @Valid @RequestBody Retitle request) {
		return Map.of("renamed",
				this.conversations.retitle(request.userId(), id, request.title(), request.namedAfter()));
	}

	/**
	 * A title written after a conversation's first exchange.
	 *
	 * @param userId the owner
	 * @param title the title
	 * @param namedAfter the question the conversation is named after until then
	 */
	record Retitle(@NotNull UUID userId, @NotBlank @Size(max = 1000) String title,
			@NotBlank @Size(max = ConversationService.MAX_CONTENT_LENGTH) String namedAfter) {

	}

	private static String modelName(String model) {
		if (model == null || model.isEmpty()) {
			return null;
		}
		if (model.length() > MAX_MODEL_LENGTH || !MODEL_NAME.matcher(model).matches()) {
			throw ApiException.badRequest("model: must be a model name of at most " + MAX_MODEL_LENGTH
					+ " letters, digits and . _ - : / @ + (such as gpt-4o-mini or claude-3-5-sonnet-latest)");
		}
		return model;
	}

	private static int within(String parameter, Integer value, int fallback, int maximum) {
		if (value == null) {
			return fallback;
		}
		if (value < 1 || value > maximum) {
			throw ApiException.badRequest(parameter + ": must be between 1 and " + maximum);
		}
		return value;
	}

}
