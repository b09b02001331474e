package io.noterag.conversation.history;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What query-service needs: the recent history of a user's conversation, and storing a
 * question with its answer. Service tokens only (see the shared resource server).
 */
@RestController
@RequestMapping("/internal/conversations")
class InternalConversationController {

	private final ConversationService conversations;

	private final ConversationProperties properties;

	InternalConversationController(ConversationService conversations, ConversationProperties properties) {
		this.conversations = conversations;
		this.properties = properties;
	}

	@GetMapping("/{id}/context")
	ConversationContext context(@PathVariable UUID id, @RequestParam("user_id") UUID userId,
			@RequestParam(name = "max_messages", required = false) @Min(1) Integer maxMessages) {
		int count = (maxMessages != null) ? maxMessages : this.properties.defaultContextMessages();
		return this.conversations.context(userId, id, count);
	}

	@PostMapping("/turns")
	TurnRecorded recordTurn(@Valid @RequestBody Turn turn) {
		return this.conversations.recordTurn(turn);
	}

}
