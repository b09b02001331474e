package io.noterag.query.ask;

import java.util.List;

/**
 * {@code POST /api/v2/query}: a question, optionally in a conversation, with retrieval
 * settings and filters. Checked by {@link QueryRequestValidator}, which names the field
 * of every problem.
 *
 * @param question the question, 3 to 1000 characters once trimmed
 * @param conversationId the conversation to continue, a UUID; a new one when absent
 * @param config retrieval settings
 * @param filters what to search in
 * @param selectedFiles document ids to search in (also accepted inside {@code filters})
 * @param includeImages whether images of the cited documents are wanted
 */
public record QueryRequest(String question, String conversationId, RagConfig config, DocumentFilters filters,
		List<String> selectedFiles, Boolean includeImages) {
}
