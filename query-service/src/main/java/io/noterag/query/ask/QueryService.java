package io.noterag.query.ask;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
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
import io.noterag.query.answer.LanguageModelAnswerer;
import io.noterag.query.conversation.ConversationClient;
import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.QuestionRewriter;
import io.noterag.query.conversation.StoredTurn;
import io.noterag.query.conversation.Turn;
import io.noterag.query.title.ConversationTitles;
import io.noterag.query.retrieval.Retrieval;
import io.noterag.query.retrieval.RetrievalPlan;
import io.noterag.query.retrieval.RetrievedChunk;
import io.noterag.query.retrieval.Retriever;
import io.noterag.shared.chat.Cancellable;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatMessage;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatStreamListener;
import io.noterag.shared.chat.ChatUnavailableException;
import io.noterag.shared.chat.LlmProperties;
import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.web.RequestIds;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Answers one question: checks the conversation, retrieves within the caller's
 * permissions and filters, writes the answer (with the language model when one is
 * configured, extractively otherwise or when none answers), stores the turn (which gives
 * the conversation id), then records analytics and the latency metric. Every language
 * model call made for one request (the standalone question, query variants, the
 * hypothetical answer, the answer) shares one deadline, {@code noterag.llm.deadline} from
 * the request's start, so that the answer comes within the gateway's time limit. Keeps
 * nothing between requests.
 */
@Service
class QueryService {

	private static final Logger log = LoggerFactory.getLogger(QueryService.class);

	static final String LATENCY_METRIC = "noterag.query.latency";

	/** The model deadline of a service whose settings name none. */
	private static final Duration DEFAULT_MODEL_DEADLINE = Duration.ofSeconds(40);

	static final String NO_MODEL_NOTICE = "No language model is configured: this answer quotes the sources.";

	static final String NO_ANSWER_NOTICE = "No language model answered in time: this answer quotes the sources.";

	private static final MathContext SCORE_PRECISION = new MathContext(4, RoundingMode.HALF_UP);

	private final QueryRequestValidator validator;

	private final Retriever retriever;

	private final ExtractiveAnswerer answerer;

	private final ConversationClient conversations;

	private final QueryAnalytics analytics;

	private final QuestionRewriter rewriter;

	private final LanguageModelAnswerer writer;

	private final ObjectProvider<ChatGateway> chat;

	private final MeterRegistry meters;

	private final ConversationTitles titles;

	private final Duration modelDeadline;

	QueryService(QueryRequestValidator validator, Retriever retriever, ExtractiveAnswerer answerer,
			ConversationClient conversations, QueryAnalytics analytics, QuestionRewriter rewriter,
			LanguageModelAnswerer writer, ObjectProvider<ChatGateway> chat, MeterRegistry meters,
			ConversationTitles titles, ObjectProvider<LlmProperties> llm) {
		this.titles = titles;
		LlmProperties settings = llm.getIfAvailable();
		this.modelDeadline = (settings != null) ? settings.deadline() : DEFAULT_MODEL_DEADLINE;
		this.rewriter = rewriter;
		this.writer = writer;
		this.chat = chat;
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
		Prepared retrieved = retrieve(command, user, started);
		return retrieved.withGeneration(generate(retrieved));
	}

	/**
	 * Everything before the answer of a streamed query: the checks, the conversation and
	 * retrieval. The answer is written by {@link #streamFromModel} or
	 * {@link #extractive}.
	 * @param request the request
	 * @param user the caller
	 * @return the query, without a generation yet
	 */
	Prepared retrieve(QueryRequest request, CurrentUser user) {
		long started = System.nanoTime();
		QueryCommand command = this.validator.validate(request);
		try {
			return retrieve(command, user, started);
		}
		catch (RuntimeException ex) {
			recordLatency(command, "failed", started);
			throw ex;
		}
	}

	private Prepared retrieve(QueryCommand command, CurrentUser user, long started) {
		// from the request's start: the time spent before the first model call counts
		Instant deadline = Instant.now().minusNanos(System.nanoTime() - started).plus(this.modelDeadline);
		QuestionRewriter.Rewritten question = new QuestionRewriter.Rewritten(command.question(), false);
		List<ConversationContext.Message> history = List.of();
		boolean untitled = command.conversationId() == null;
		if (command.conversationId() != null) {
			ConversationContext context = this.conversations.context(command.conversationId(), user.id());
			history = context.messages();
			untitled = this.titles.untitled(context);
			question = this.rewriter.rewrite(command.question(), history, deadline);
		}
		RetrievalPlan plan = command.plan(user.principals()).withModelDeadline(deadline);
		Retrieval retrieval = this.retriever.retrieve(question.question(), plan);
		return new Prepared(command, question, retrieval, null, null, started, history, deadline, untitled);
	}

	/**
	 * Whether answers are streamed from a language model (one is configured and something
	 * was retrieved).
	 * @param retrieved the query
	 * @return {@code false} when the answer is extractive
	 */
	boolean streamsFromModel(Prepared retrieved) {
		return this.writer.available() && !retrieved.retrieval().chunks().isEmpty();
	}

	/**
	 * Streams the answer of a language model.
	 * @param retrieved the query
	 * @param listener receives the pieces, then the model's whole result or the failure
	 * @return stops the model's answer
	 */
	Cancellable streamFromModel(Prepared retrieved, ChatStreamListener listener) {
		return this.chat.getObject()
			.stream(this.writer.request(retrieved.question().question(), retrieved.retrieval().chunks(),
					chatHistory(retrieved.history()), retrieved.modelDeadline()), listener);
	}

	/**
	 * The generation of a streamed model answer once it is complete: citations checked.
	 * @param retrieved the query
	 * @param result the model's whole answer
	 * @return the generation
	 */
	Generation written(Prepared retrieved, ChatResult result) {
		return written(this.writer.checked(retrieved.question().question(), retrieved.retrieval().chunks(), result));
	}

	/**
	 * The extractive answer of a query.
	 * @param retrieved the query
	 * @param degraded whether it replaces a language model that did not answer
	 * @return the generation
	 */
	Generation extractive(Prepared retrieved, boolean degraded) {
		List<RetrievedChunk> chunks = retrieved.retrieval().chunks();
		if (!retrieved.question().rewritten() || chunks.isEmpty()) {
			return new Generation(this.answerer.answer(retrieved.command().question(), chunks),
					ExtractiveAnswerer.GENERATOR, 0, BigDecimal.ZERO, List.of(), degraded);
		}
		// a follow-up is searched with the conversation's topic; it is answered with its
		// own words from the document the topic found first when that document holds them
		// ("and on Mondays?"), else with the standalone question from everything
		// retrieved
		String topDocument = chunks.get(0).chunk().documentId();
		List<RetrievedChunk> topChunks = chunks.stream()
			.filter((chunk) -> chunk.chunk().documentId().equals(topDocument))
			.toList();
		Answer answer = this.answerer.answer(retrieved.command().question(), topChunks);
		if (!answer.found()) {
			answer = this.answerer.answer(retrieved.question().question(), chunks);
		}
		return new Generation(answer, ExtractiveAnswerer.GENERATOR, 0, BigDecimal.ZERO, List.of(), degraded);
	}

	/**
	 * The conversation's user and assistant messages as the language model takes them.
	 */
	private static List<ChatMessage> chatHistory(List<ConversationContext.Message> history) {
		List<ChatMessage> messages = new java.util.ArrayList<>();
		for (ConversationContext.Message message : history) {
			if (message.content() == null || message.content().isBlank()) {
				continue;
			}
			if ("user".equals(message.role())) {
				messages.add(ChatMessage.user(message.content()));
			}
			else if ("assistant".equals(message.role())) {
				messages.add(ChatMessage.assistant(message.content()));
			}
		}
		return messages;
	}

	private static Generation written(LanguageModelAnswerer.Written written) {
		ChatResult result = written.result();
		if (result == null) {
			return new Generation(written.answer(), "llm", 0, BigDecimal.ZERO, List.of(), false);
		}
		return new Generation(written.answer(), result.provider() + ":" + result.model(),
				(int) Math.min(Integer.MAX_VALUE, result.totalTokens()), BigDecimal.valueOf(result.costUsd()),
				written.removedCitations(), false);
	}

	/**
	 * Writes the answer: with the language model when one is configured, extractively
	 * when none is or none answers (then the answer is degraded).
	 */
	private Generation generate(Prepared retrieved) {
		boolean degraded = false;
		if (this.writer.available()) {
			try {
				return written(this.writer.write(retrieved.question().question(), retrieved.retrieval().chunks(),
						chatHistory(retrieved.history()), retrieved.modelDeadline()));
			}
			catch (ChatUnavailableException ex) {
				log.warn("No language model answered, answering extractively: {}", ex.failures());
				degraded = true;
			}
		}
		return extractive(retrieved, degraded);
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
		Generation generation = prepared.generation();
		StoredTurn turn = this.conversations
			.store(new Turn(command.conversationId(), user.id(), command.question(), answer.text(), userMetadata,
					assistantMetadata(answered, sources), generation.tokensUsed(), generation.costUsd()));
		if (prepared.untitled() && !generation.degraded()) {
			this.titles.afterFirstExchange(turn.conversationId(), user.id(), command.question(), answer.text());
		}
		long latencyMs = elapsedMs(prepared.started());
		QueryResponse.Metadata metadata = metadata(prepared, latencyMs);
		this.analytics.record(new QueryRecorded(user.id(), turn.conversationId(), command.question(),
				command.technique().id(), latencyMs, generation.tokensUsed(), generation.costUsd(),
				distinctDocuments(retrieval), Instant.now(), analyticsMetadata(metadata, command, answer)));
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
	 * @param generation how it was written, {@code null} until it is
	 * @param started when the request began, {@link System#nanoTime()}
	 * @param history the conversation's earlier messages, oldest first
	 * @param modelDeadline when every language model call of the request must be over
	 * @param untitled whether this is the conversation's first exchange and it bears no
	 * title of its own, so that the model names it afterwards
	 */
	record Prepared(QueryCommand command, QuestionRewriter.Rewritten question, Retrieval retrieval, Answer answer,
			Generation generation, long started, List<ConversationContext.Message> history, Instant modelDeadline,
			boolean untitled) {

		Prepared withGeneration(Generation written) {
			return new Prepared(this.command, this.question, this.retrieval, written.answer(), written, this.started,
					this.history, this.modelDeadline, this.untitled);
		}

	}

	/**
	 * How the answer was written.
	 *
	 * @param answer the answer
	 * @param generator {@code extractive}, or the language model as
	 * {@code provider:model}
	 * @param tokensUsed the model's input and output tokens, 0 when extractive
	 * @param costUsd what the model call cost
	 * @param removedCitations citations of sources that do not exist, removed
	 * @param degraded whether a language model was configured but none answered
	 */
	record Generation(Answer answer, String generator, int tokensUsed, BigDecimal costUsd,
			List<Integer> removedCitations, boolean degraded) {
	}

	private QueryResponse.Metadata metadata(Prepared prepared, long latencyMs) {
		QueryCommand command = prepared.command();
		Retrieval retrieval = prepared.retrieval();
		Generation generation = prepared.generation();
		boolean model = this.writer.available();
		String notice = null;
		if (ExtractiveAnswerer.GENERATOR.equals(generation.generator())) {
			notice = !model ? NO_MODEL_NOTICE : generation.degraded() ? NO_ANSWER_NOTICE : null;
		}
		return new QueryResponse.Metadata(latencyMs, command.technique().id(), reranker(retrieval),
				generation.generator(), retrieval.embeddingModel(), retrieval.chunks().size(), retrieval.candidates(),
				command.topK(), prepared.answer().found(), retrieval.degraded() || generation.degraded(),
				prepared.question().rewritten() ? prepared.question().question() : null, generation.tokensUsed(),
				generation.costUsd(), generation.removedCitations(), model ? "configured" : "none", notice,
				retrieval.variantsGenerator(), retrieval.hypotheticalAnswerGenerator());
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
		values.put("degraded", metadata.degraded());
		values.put("llm", metadata.llm());
		if (metadata.notice() != null) {
			values.put("notice", metadata.notice());
		}
		if (metadata.variantsGenerator() != null) {
			values.put("variants_generator", metadata.variantsGenerator());
		}
		if (metadata.hypotheticalAnswerGenerator() != null) {
			values.put("hypothetical_answer_generator", metadata.hypotheticalAnswerGenerator());
		}
		if (!metadata.removedCitations().isEmpty()) {
			values.put("removed_citations", metadata.removedCitations());
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
		if (metadata.variantsGenerator() != null) {
			values.put("variants_generator", metadata.variantsGenerator());
		}
		if (metadata.hypotheticalAnswerGenerator() != null) {
			values.put("hypothetical_answer_generator", metadata.hypotheticalAnswerGenerator());
		}
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
