package io.noterag.shared.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Builds RFC 9457 problem details that always carry the request id, and writes them where
 * no controller advice runs (security filters).
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String title, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		decorate(problem, request);
		return problem;
	}

	/**
	 * Adds the request id and the path to a problem detail.
	 * @param problem the problem to complete
	 * @param request the current request, may be {@code null}
	 */
	public static void decorate(ProblemDetail problem, HttpServletRequest request) {
		String id = RequestIdFilter.current(request);
		if (id != null) {
			problem.setProperty(RequestIds.MDC_KEY, id);
		}
		if (request != null && problem.getInstance() == null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
	}

	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
