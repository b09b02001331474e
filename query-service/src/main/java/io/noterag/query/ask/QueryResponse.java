package io.noterag.query.ask;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to a query.
 *
 * @param answer the answer, each quoted part tagged {@code [n]} with its source's number
 * @param sources cited documents first, in citation order, then the other retrieved ones
 * @param images images of the sources (none yet: images are not attached to answers)
 * @param suggestedDiagrams diagrams that could illustrate the answer (none yet)
 * @param metadata how the answer was made
 * @param conversationId the conversation the question and answer were stored in
 */
public record QueryResponse(String answer, List<Source> sources, List<Map<String, Object>> images,
		List<Map<String, Object>> suggestedDiagrams, Metadata metadata, UUID conversationId) {

	/**
	 * A document the answer draws on.
	 *
	 * @param documentId the document's id
	 * @param title its title
	 * @param url its link or path at its source
	 * @param snippet the passage of the chunk that best matches the question
	 * @param score the chunk's retrieval score (fused score for hybrid retrieval)
	 * @param chunkIndex which chunk of the document, from 0
	 * @param sourceType the kind of data source it came from
	 */
	public record Source(String documentId, String title, String url, String snippet, double score, int chunkIndex,
			String sourceType) {
	}

	/**
	 * How the answer was made.
	 *
	 * @param latencyMs time spent answering, measured
	 * @param technique retrieval technique
	 * @param reranker the reranker that reordered the candidates, {@code none} when none
	 * did (not asked for, or it failed: then {@code degraded} is true)
	 * @param generator how the answer text was written: {@code extractive}, or the
	 * language model as {@code provider:model}
	 * @param embeddingModel the model that embedded the question, {@code null} when it
	 * was not embedded
	 * @param retrieved chunks retrieved for the answer
	 * @param candidates hits the store returned before the per-document cap and top k
	 * @param topK the chunk budget of the request
	 * @param found whether the documents answered the question
	 * @param degraded whether any part was skipped or replaced by a fallback
	 * @param standaloneQuestion the follow-up rewritten to stand on its own, as searched
	 * and answered; {@code null} when the question was used as asked
	 * @param tokensUsed language model tokens (input and output) spent on the answer
	 * @param costUsd what the language model call cost, from the configured price table
	 * @param removedCitations citations of sources that do not exist, removed from the
	 * answer
	 * @param llm whether a language model takes part: {@code none} when no provider is
	 * configured (the answer is extractive), {@code configured} otherwise
	 * @param notice a plain sentence when the answer is extractive, saying why (no
	 * language model is configured, or none answered in time); {@code null} when a model
	 * wrote it
	 * @param variantsGenerator who wrote the searches of {@code multi_query} and
	 * {@code rag_fusion}: {@code rules} or the language model as {@code provider:model};
	 * {@code null} for other techniques
	 * @param hypotheticalAnswerGenerator the language model that wrote the passage
	 * {@code hyde} searched with; {@code null} for other techniques and when none wrote
	 * one
	 */
	public record Metadata(long latencyMs, String technique, String reranker, String generator, String embeddingModel,
			int retrieved, int candidates, int topK, boolean found, boolean degraded, String standaloneQuestion,
			int tokensUsed, java.math.BigDecimal costUsd, List<Integer> removedCitations, String llm, String notice,
			String variantsGenerator, String hypotheticalAnswerGenerator) {
	}

}
