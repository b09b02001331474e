package io.noterag.query.ask;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.noterag.query.answer.CitationFilter;
import io.noterag.shared.chat.Cancellable;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatStreamListener;
import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.web.ApiException;
import io.noterag.shared.web.RequestIds;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/v2/query/stream}: the same answer as {@code /api/v2/query}, sent as
 * Server-Sent Events while it is written: {@code token} events ({@code {"text": ...}}, a
 * word with the spaces after it), then {@code sources} (the cited and retrieved sources),
 * then {@code done} ({@code conversation_id}, {@code answer}, {@code metadata}); or
 * {@code error} (a problem detail with the request id) when something fails after the
 * stream began. With a language model the tokens are the model's pieces as it writes
 * them, each passed on at once but for a citation of a source that does not exist, which
 * never reaches the client (a possible citation is held back until it is complete), and
 * {@code done} carries the answer with its citations checked (an out-of-range one listed
 * in {@code metadata.removed_citations}); when the model fails before its first piece the
 * extractive answer is streamed instead and marked degraded. A request that is invalid is
 * refused before any event, with a 400 problem detail. The turn is stored once the last
 * token is sent; when the client goes away before, the answer stops (the model's call is
 * cancelled) and nothing is stored.
 */
@RestController
class QueryStreamController {

	private static final Logger log = LoggerFactory.getLogger(QueryStreamController.class);

	private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");

	private final QueryService service;

	private final QueryStreamProperties properties;

	private final Executor executor;

	QueryStreamController(QueryService service, QueryStreamProperties properties) {
		this.service = service;
		this.properties = properties;
		this.executor = new SimpleAsyncTaskExecutorBuilder().virtualThreads(true)
			.threadNamePrefix("query-stream-")
			.build();
	}

	@PostMapping(path = "/api/v2/query/stream", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestBody QueryRequest request, HttpServletRequest servletRequest) {
		CurrentUser user = CurrentUser.current();
		if (user == null) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.");
		}
		QueryService.Prepared retrieved = this.service.retrieve(request, user);
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		Stream stream = new Stream(retrieved, user, emitter, MDC.get(RequestIds.MDC_KEY),
				URI.create(servletRequest.getRequestURI()));
		emitter.onTimeout(stream::clientGone);
		emitter.onError((ex) -> stream.clientGone());
		this.executor.execute(() -> stream.inContext(() -> {
			if (this.service.streamsFromModel(retrieved)) {
				stream.fromModel();
			}
			else {
				stream.words(this.service.extractive(retrieved, false));
			}
		}));
		return emitter;
	}

	/** One streamed answer. */
	private final class Stream {

		private final QueryService.Prepared retrieved;

		private final CurrentUser user;

		private final SseEmitter emitter;

		private final String requestId;

		private final URI instance;

		private final AtomicBoolean gone = new AtomicBoolean();

		private final AtomicBoolean ended = new AtomicBoolean();

		private final AtomicBoolean sentToken = new AtomicBoolean();

		private final AtomicReference<Cancellable> upstream = new AtomicReference<>();

		Stream(QueryService.Prepared retrieved, CurrentUser user, SseEmitter emitter, String requestId, URI instance) {
			this.retrieved = retrieved;
			this.user = user;
			this.emitter = emitter;
			this.requestId = requestId;
			this.instance = instance;
		}

		void inContext(Runnable work) {
			if (this.requestId != null) {
				MDC.put(RequestIds.MDC_KEY, this.requestId);
			}
			try {
				work.run();
			}
			finally {
				MDC.remove(RequestIds.MDC_KEY);
			}
		}

		void clientGone() {
			this.gone.set(true);
			Cancellable cancellable = this.upstream.get();
			if (cancellable != null) {
				cancellable.cancel();
			}
		}

		/** The extractive answer, word by word. */
		void words(QueryService.Generation generation) {
			Matcher tokens = TOKEN.matcher(generation.answer().text());
			try {
				while (tokens.find()) {
					if (this.gone.get()) {
						cancelled();
						return;
					}
					token(tokens.group());
				}
			}
			catch (IOException | IllegalStateException ex) {
				cancelled();
				return;
			}
			finish(generation);
		}

		/** The language model's answer, piece by piece as it is written. */
		void fromModel() {
			CitationFilter citations = new CitationFilter(this.retrieved.retrieval().chunks().size());
			Cancellable cancellable = QueryStreamController.this.service.streamFromModel(this.retrieved,
					new ChatStreamListener() {

						@Override
						public void onToken(String token) {
							inContext(() -> {
								if (Stream.this.gone.get()) {
									clientGone();
									return;
								}
								try {
									String text = citations.accept(token);
									if (!text.isEmpty()) {
										token(text);
									}
								}
								catch (IOException | IllegalStateException ex) {
									clientGone();
								}
							});
						}

						@Override
						public void onComplete(ChatResult result) {
							inContext(() -> {
								if (Stream.this.gone.get()) {
									cancelled();
									return;
								}
								try {
									String rest = citations.finish();
									if (!rest.isBlank()) {
										token(rest);
									}
								}
								catch (IOException | IllegalStateException ex) {
									cancelled();
									return;
								}
								finish(QueryStreamController.this.service.written(Stream.this.retrieved, result));
							});
						}

						@Override
						public void onError(Throwable error) {
							inContext(() -> modelFailed(error));
						}

					});
			this.upstream.set(cancellable);
			if (this.gone.get()) {
				cancellable.cancel();
			}
		}

		private void modelFailed(Throwable error) {
			if (this.gone.get()) {
				cancelled();
				return;
			}
			if (!this.sentToken.get()) {
				log.warn("No language model answered, answering extractively: {}", error.toString());
				words(QueryStreamController.this.service.extractive(this.retrieved, true));
				return;
			}
			QueryStreamController.this.service.recordLatency(this.retrieved, "failed");
			log.warn("The language model failed in the middle of an answer: {}", error.toString());
			sendError(this.emitter,
					new ApiException(HttpStatus.BAD_GATEWAY, "Bad Gateway",
							"The language model stopped in the middle of the answer; nothing was stored."),
					this.requestId, this.instance);
		}

		private void token(String text) throws IOException {
			this.emitter.send(SseEmitter.event().name("token").data(Map.of("text", text)));
			this.sentToken.set(true);
		}

		/** Stores the turn, then sends the sources and the end. */
		private void finish(QueryService.Generation generation) {
			if (!this.ended.compareAndSet(false, true)) {
				return;
			}
			QueryService.Prepared prepared = this.retrieved.withGeneration(generation);
			String stage = "storing";
			try {
				QueryResponse response = QueryStreamController.this.service.complete(prepared, this.user);
				stage = "ending";
				this.emitter.send(SseEmitter.event().name("sources").data(response.sources()));
				Map<String, Object> done = new LinkedHashMap<>();
				done.put("conversation_id", response.conversationId());
				done.put("answer", response.answer());
				done.put("metadata", response.metadata());
				this.emitter.send(SseEmitter.event().name("done").data(done));
				this.emitter.complete();
				QueryStreamController.this.service.recordLatency(prepared,
						prepared.answer().found() ? "answered" : "not_found");
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away after the turn was stored
				QueryStreamController.this.service.recordLatency(prepared, "answered");
			}
			catch (RuntimeException ex) {
				QueryStreamController.this.service.recordLatency(prepared, "failed");
				log.warn("Streaming an answer failed while {}: {}", stage, ex.toString());
				sendError(this.emitter, ex, this.requestId, this.instance);
			}
		}

		private void cancelled() {
			if (this.ended.compareAndSet(false, true)) {
				QueryStreamController.this.service.recordLatency(this.retrieved, "cancelled");
				log.info("The client went away before the answer was complete; nothing was stored");
			}
		}

	}

	private static void sendError(SseEmitter emitter, RuntimeException ex, String requestId, URI instance) {
		HttpStatus status = (ex instanceof ApiException api) ? api.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
		String detail = (ex instanceof ApiException) ? ex.getMessage()
				: "The answer could not be completed; nothing was stored.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle((ex instanceof ApiException api) ? api.getTitle() : status.getReasonPhrase());
		problem.setInstance(instance);
		if (requestId != null) {
			problem.setProperty(RequestIds.MDC_KEY, requestId);
		}
		try {
			emitter.send(SseEmitter.event().name("error").data(problem, MediaType.APPLICATION_PROBLEM_JSON));
			emitter.complete();
		}
		catch (IOException | IllegalStateException gone) {
			emitter.completeWithError(gone);
		}
	}

}
