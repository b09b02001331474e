package io.noterag.query.ask;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.noterag.query.analytics.QueryAnalytics;
import io.noterag.query.analytics.QueryRecorded;
import io.noterag.query.answer.Answer;
import io.noterag.query.answer.AnswerSource;
import io.noterag.query.answer.ExtractiveAnswerer;
import io.noterag.query.conversation.ConversationClient;
import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;
import io.noterag.query.conversation.StoredTurn;
import io.noterag.query.conversation.Turn;
import io.noterag.query.retrieval.Retrieval;
import io.noterag.query.retrieval.RetrievalPlan;
import io.noterag.query.retrieval.Retriever;
import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.web.RequestIds;

import org.springframework.stereotype.Service;

/**
 * Answers one question: checks the conversation, retrieves within the caller's
 * permissions and filters, writes the extractive answer, stores the turn (which gives the
 * conversation id), then records analytics and the latency metric. Keeps nothing between
 * requests.
 */
@Service
class QueryService {

	private static final Logger log = LoggerFactory.getLogger(QueryService.class);

	static final String LATENCY_METRIC = "noterag.query.latency";

	private static final MathContext SCORE_PRECISION = new MathContext(4, RoundingMode.HALF_UP);

	private final QueryRequestValidator validator;

	private final Retriever retriever;

	private final ExtractiveAnswerer answerer;

	private final ConversationClient conversations;

	private final QueryAnalytics analytics;

	private final QuestionRewriter rewriter;

	private final MeterRegistry meters;

	QueryService(QueryRequestValidator validator, Retriever retriever, ExtractiveAnswerer answerer,
			ConversationClient conversations, QueryAnalytics analytics, QuestionRewriter rewriter,
			MeterRegistry meters) {
		this.rewriter = rewriter;
		this.validator = validator;
		this.retriever = retriever;
		this.answerer = answerer;
		this.conversations = conversations;
		this.analytics = analytics;
		this.meters = meters;
	}

	QueryResponse ask(QueryRequest request, CurrentUser user) {
		long started = System.nanoTime();
		QueryCommand command = this.validator.validate(request);
		String outcome = "failed";
		try {
			Prepared prepared = prepare(command, user, started);
			QueryResponse response = complete(prepared, user);
			outcome = prepared.answer().found() ? "answered" : "not_found";
			return response;
		}
		finally {
			recordLatency(command, outcome, started);
		}
	}

	/**
	 * Checks a request and everything that comes before the answer is sent: the
	 * conversation, retrieval and the answer. Nothing is stored yet.
	 * @param request the request
	 * @param user the caller
	 * @return the answer, ready to send and then to {@link #complete}
	 */
	Prepared prepare(QueryRequest request, CurrentUser user) {
		long started = System.nanoTime();
		QueryCommand command = this.validator.validate(request);
		try {
			return prepare(command, user, started);
		}
		catch (RuntimeException ex) {
			recordLatency(command, "failed", started);
			throw ex;
		}
	}

	private Prepared prepare(QueryCommand command, CurrentUser user, long started) {
		QuestionRewriter.Rewritten question = new QuestionRewriter.Rewritten(command.question(), false);
		if (command.conversationId() != null) {
			ConversationContext context = this.conversations.context(command.conversationId(), user.id());
			question = this.rewriter.rewrite(command.question(), context.messages());
		}
		RetrievalPlan plan = command.plan(user.principals());
		Retrieval retrieval = this.retriever.retrieve(question.question(), plan);
		// a follow-up is searched with the conversation's topic, but answered with its
		// own
		// words when the retrieved text holds them ("and on Mondays?"), else with the
		// topic
		Answer answer = this.answerer.answer(command.question(), retrieval.chunks());
		if (question.rewritten() && !answer.found()) {
			answer = this.answerer.answer(question.question(), retrieval.chunks());
		}
		return new Prepared(command, question, retrieval, answer, started);
	}

	/**
	 * Stores both messages of the turn and the analytics row of a prepared answer.
	 * @param prepared the answer
	 * @param user the caller
	 * @return the response, with the conversation id
	 */
	QueryResponse complete(Prepared prepared, CurrentUser user) {
		QueryCommand command = prepared.command();
		Retrieval retrieval = prepared.retrieval();
		Answer answer = prepared.answer();
		List<QueryResponse.Source> sources = answer.sources().stream().map(QueryService::source).toList();
		QueryResponse.Metadata answered = metadata(prepared, elapsedMs(prepared.started()));
		Map<String, Object> userMetadata = prepared.question().rewritten()
				? Map.of(QuestionRewriter.STANDALONE_KEY, prepared.question().question()) : Map.of();
		StoredTurn turn = this.conversations.store(new Turn(command.conversationId(), user.id(), command.question(),
				answer.text(), userMetadata, assistantMetadata(answered, sources), 0, BigDecimal.ZERO));
		long latencyMs = elapsedMs(prepared.started());
		QueryResponse.Metadata metadata = metadata(prepared, latencyMs);
		this.analytics.record(new QueryRecorded(user.id(), turn.conversationId(), command.question(),
				command.technique().id(), latencyMs, 0, BigDecimal.ZERO, distinctDocuments(retrieval), Instant.now(),
				analyticsMetadata(metadata, command, answer)));
		log.info("Answered a query: technique={} reranker={} retrieved={} cited={} found={} latency_ms={}",
				metadata.technique(), metadata.reranker(), metadata.retrieved(), answer.citedCount(), answer.found(),
				latencyMs);
		return new QueryResponse(answer.text(), sources, List.of(), List.of(), metadata, turn.conversationId());
	}

	/**
	 * Records the latency metric of a query that ended.
	 * @param prepared the query
	 * @param outcome {@code answered}, {@code not_found}, {@code failed} or
	 * {@code cancelled}
	 */
	void recordLatency(Prepared prepared, String outcome) {
		recordLatency(prepared.command(), outcome, prepared.started());
	}

	private void recordLatency(QueryCommand command, String outcome, long started) {
		Timer.builder(LATENCY_METRIC)
			.description("Time to answer a query")
			.tag("technique", command.technique().id())
			.tag("outcome", outcome)
			.register(this.meters)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	/**
	 * An answer written but not yet sent nor stored.
	 *
	 * @param command the checked query
	 * @param question the question as searched and answered (a follow-up rewritten)
	 * @param retrieval what was retrieved
	 * @param answer the answer
	 * @param started when the request began, {@link System#nanoTime()}
	 */
	record Prepared(QueryCommand command, QuestionRewriter.Rewritten question, Retrieval retrieval, Answer answer,
			long started) {
	}

	private static QueryResponse.Metadata metadata(Prepared prepared, long latencyMs) {
		QueryCommand command = prepared.command();
		Retrieval retrieval = prepared.retrieval();
		return new QueryResponse.Metadata(latencyMs, command.technique().id(), reranker(retrieval),
				ExtractiveAnswerer.GENERATOR, retrieval.embeddingModel(), retrieval.chunks().size(),
				retrieval.candidates(), command.topK(), prepared.answer().found(), retrieval.degraded(),
				prepared.question().rewritten() ? prepared.question().question() : null);
	}

	/** The reranker as reported: its name, or {@code none}. */
	static String reranker(Retrieval retrieval) {
		return (retrieval.reranker() != null) ? retrieval.reranker() : "none";
	}

	private static QueryResponse.Source source(AnswerSource source) {
		ChunkRecord chunk = source.chunk();
		return new QueryResponse.Source(chunk.documentId(), chunk.title(), chunk.url(), source.snippet(),
				round(source.score()), chunk.chunkIndex(), chunk.sourceType());
	}

	/** Four significant digits: enough to compare fused scores, no false precision. */
	static double round(double score) {
		if (score == 0 || Double.isNaN(score) || Double.isInfinite(score)) {
			return 0;
		}
		return new BigDecimal(score).round(SCORE_PRECISION).doubleValue();
	}

	private static Map<String, Object> assistantMetadata(QueryResponse.Metadata metadata,
			List<QueryResponse.Source> sources) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("sources", sources);
		values.put("technique", metadata.technique());
		values.put("reranker", metadata.reranker());
		values.put("generator", metadata.generator());
		values.put("embedding_model", metadata.embeddingModel());
		values.put("retrieved", metadata.retrieved());
		values.put("found", metadata.found());
		values.put("latency_ms", metadata.latencyMs());
		if (metadata.standaloneQuestion() != null) {
			values.put("standalone_question", metadata.standaloneQuestion());
		}
		return values;
	}

	private static Map<String, Object> analyticsMetadata(QueryResponse.Metadata metadata, QueryCommand command,
			Answer answer) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("reranker", metadata.reranker());
		values.put("mmr", command.mmr());
		if (command.mmr()) {
			values.put("mmr_lambda", command.mmrLambda());
		}
		values.put("neighbor_chunks", command.neighborChunks());
		values.put("degraded", metadata.degraded());
		values.put("generator", metadata.generator());
		values.put("embedding_model", metadata.embeddingModel());
		values.put("retrieved", metadata.retrieved());
		values.put("candidates", metadata.candidates());
		values.put("top_k", metadata.topK());
		values.put("found", metadata.found());
		values.put("cited_documents",
				answer.sources().stream().filter(AnswerSource::cited).map((s) -> s.chunk().documentId()).toList());
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			values.put("request_id", requestId);
		}
		return values;
	}

	private static int distinctDocuments(Retrieval retrieval) {
		return (int) retrieval.chunks().stream().map((c) -> c.chunk().documentId()).distinct().count();
	}

	private static long elapsedMs(long started) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

}
