package io.noterag.query.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.answer.ExtractiveAnswerer;
import io.noterag.query.retrieval.Retrieval;
import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.query.retrieval.Retriever;
import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.vector.ChunkRecord;

import org.springframework.stereotype.Service;

/**
 * Ranks documents for a query: the same validation and retrieval as a query, within the
 * caller's principals and filters, each document ranked by its best chunk. No
 * conversation, no answer, no analytics row; the {@code noterag.search.latency} timer.
 */
@Service
class DocumentSearchService {

	private static final Logger log = LoggerFactory.getLogger(DocumentSearchService.class);

	static final String LATENCY_METRIC = "noterag.search.latency";

	private final QueryRequestValidator validator;

	private final Retriever retriever;

	private final ExtractiveAnswerer answerer;

	private final MeterRegistry meters;

	DocumentSearchService(QueryRequestValidator validator, Retriever retriever, ExtractiveAnswerer answerer,
			MeterRegistry meters) {
		this.validator = validator;
		this.retriever = retriever;
		this.answerer = answerer;
		this.meters = meters;
	}

	DocumentSearchResponse search(DocumentSearchRequest request, CurrentUser user) {
		long started = System.nanoTime();
		QueryCommand command = this.validator.validate(request);
		String outcome = "failed";
		try {
			Retrieval retrieval = this.retriever.rankDocuments(command.question(), command.plan(user.principals()));
			List<String> snippets = this.answerer.snippets(command.question(),
					retrieval.chunks().stream().map(RetrievedChunk::chunk).toList());
			List<DocumentSearchResponse.Document> documents = new ArrayList<>(snippets.size());
			for (int i = 0; i < snippets.size(); i++) {
				documents.add(document(retrieval.chunks().get(i), snippets.get(i)));
			}
			outcome = documents.isEmpty() ? "empty" : "found";
			log.debug("Searched documents: technique={} reranker={} degraded={} candidates={} documents={}",
					command.technique().id(), QueryService.reranker(retrieval), retrieval.degraded(),
					retrieval.candidates(), documents.size());
			return new DocumentSearchResponse(documents, documents.size());
		}
		finally {
			Timer.builder(LATENCY_METRIC)
				.description("Time to rank documents for a search")
				.tag("technique", command.technique().id())
				.tag("outcome", outcome)
				.register(this.meters)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

	private DocumentSearchResponse.Document document(RetrievedChunk found, String snippet) {
		ChunkRecord chunk = found.chunk();
		return new DocumentSearchResponse.Document(chunk.documentId(), chunk.title(), chunk.url(), chunk.sourceType(),
				QueryService.round(found.score()), snippet, chunk.chunkIndex());
	}

}
