package io.noterag.conversation.history;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own conversations. */
@RestController
@RequestMapping("/api/v2/conversations")
class ConversationController {

	private final ConversationService conversations;

	ConversationController(ConversationService conversations) {
		this.conversations = conversations;
	}

	@GetMapping
	ConversationPage list(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
			@RequestParam(defaultValue = "0") @Min(0) int offset) {
		return this.conversations.list(Users.currentId(), limit, offset);
	}

	@GetMapping("/{id}")
	ConversationResponse get(@PathVariable UUID id) {
		return new ConversationResponse(this.conversations.get(Users.currentId(), id));
	}

	@PostMapping
	ResponseEntity<ConversationResponse> create(@Valid @RequestBody(required = false) NewConversation request) {
		ConversationDetail created = this.conversations.create(Users.currentId(),
				(request != null) ? request.title() : null);
		return ResponseEntity.created(URI.create("/api/v2/conversations/" + created.id()))
			.body(new ConversationResponse(created));
	}

	@DeleteMapping("/{id}")
	Deleted delete(@PathVariable UUID id) {
		this.conversations.delete(Users.currentId(), id);
		return new Deleted(true);
	}

	/**
	 * A conversation to start.
	 *
	 * @param title its title; the configured default when absent or blank
	 */
	record NewConversation(@Size(max = ConversationService.MAX_TITLE_LENGTH) String title) {
	}

	record ConversationResponse(ConversationDetail conversation) {
	}

	record Deleted(boolean success) {
	}

}
