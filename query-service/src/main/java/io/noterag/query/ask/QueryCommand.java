package io.noterag.query.ask;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.noterag.query.retrieval.RetrievalPlan;
import io.noterag.query.retrieval.Technique;
import io.noterag.shared.vector.FusionMethod;
import io.noterag.shared.vector.SearchFilter;

/**
 * A checked and normalised query.
 *
 * @param question the trimmed question
 * @param conversationId the conversation to continue, or {@code null}
 * @param technique retrieval technique
 * @param topK chunks to retrieve
 * @param denseWeight dense weight for hybrid fusion
 * @param sparseWeight keyword weight for hybrid fusion
 * @param sourceTypes source types to keep, lower case
 * @param tags tags to keep
 * @param modifiedFrom earliest modification, or {@code null}
 * @param modifiedTo latest modification, or {@code null}
 * @param documentIds documents to keep
 * @param rerank whether to rerank
 * @param mmr whether to choose by maximal marginal relevance
 * @param mmrLambda relevance against novelty
 * @param neighborChunks neighbouring chunks on each side for the answer
 * @param fusion how hybrid search combines its rankings
 */
record QueryCommand(String question, UUID conversationId, Technique technique, int topK, double denseWeight,
		double sparseWeight, List<String> sourceTypes, List<String> tags, Instant modifiedFrom, Instant modifiedTo,
		List<String> documentIds, boolean rerank, boolean mmr, double mmrLambda, int neighborChunks,
		FusionMethod fusion) {

	/**
	 * The retrieval plan for a caller: the request's filters, always within the caller's
	 * principals.
	 * @param principals the caller's principals, never empty
	 * @return the plan
	 */
	RetrievalPlan plan(List<String> principals) {
		SearchFilter filter = new SearchFilter(principals, this.sourceTypes, this.tags, this.modifiedFrom,
				this.modifiedTo, this.documentIds, null);
		return new RetrievalPlan(this.technique, this.topK, this.denseWeight, this.sparseWeight, filter, this.rerank,
				this.mmr, this.mmrLambda, this.neighborChunks, this.fusion);
	}

}
