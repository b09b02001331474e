package io.noterag.query.ask;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
 * stream began. A request that is invalid is refused before any event, with a 400 problem
 * detail. The turn is stored once the last token is sent; when the client goes away
 * before, the answer stops and nothing is stored.
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
		QueryService.Prepared prepared = this.service.prepare(request, user);
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		AtomicBoolean gone = new AtomicBoolean();
		emitter.onTimeout(() -> gone.set(true));
		emitter.onError((ex) -> gone.set(true));
		String requestId = MDC.get(RequestIds.MDC_KEY);
		URI instance = URI.create(servletRequest.getRequestURI());
		this.executor.execute(() -> {
			if (requestId != null) {
				MDC.put(RequestIds.MDC_KEY, requestId);
			}
			try {
				send(prepared, user, emitter, gone, requestId, instance);
			}
			finally {
				MDC.remove(RequestIds.MDC_KEY);
			}
		});
		return emitter;
	}

	private void send(QueryService.Prepared prepared, CurrentUser user, SseEmitter emitter, AtomicBoolean gone,
			String requestId, URI instance) {
		String stage = "streaming";
		try {
			Matcher tokens = TOKEN.matcher(prepared.answer().text());
			while (tokens.find()) {
				if (gone.get()) {
					cancelled(prepared);
					return;
				}
				emitter.send(SseEmitter.event().name("token").data(Map.of("text", tokens.group())));
			}
			stage = "storing";
			QueryResponse response = this.service.complete(prepared, user);
			emitter.send(SseEmitter.event().name("sources").data(response.sources()));
			Map<String, Object> done = new LinkedHashMap<>();
			done.put("conversation_id", response.conversationId());
			done.put("answer", response.answer());
			done.put("metadata", response.metadata());
			emitter.send(SseEmitter.event().name("done").data(done));
			emitter.complete();
			this.service.recordLatency(prepared, prepared.answer().found() ? "answered" : "not_found");
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away (the container reports it on the next write)
			cancelled(prepared);
		}
		catch (RuntimeException ex) {
			this.service.recordLatency(prepared, "failed");
			log.warn("Streaming an answer failed while {}: {}", stage, ex.toString());
			sendError(emitter, ex, requestId, instance);
		}
	}

	private void cancelled(QueryService.Prepared prepared) {
		this.service.recordLatency(prepared, "cancelled");
		log.info("The client went away before the answer was complete; nothing was stored");
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
