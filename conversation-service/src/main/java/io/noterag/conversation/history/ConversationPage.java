package io.noterag.conversation.history;

import java.util.List;

/**
 * A page of a user's conversations, most recently updated first.
 *
 * @param conversations the page
 * @param total how many conversations the user has in all
 */
public record ConversationPage(List<ConversationSummary> conversations, long total) {

}
