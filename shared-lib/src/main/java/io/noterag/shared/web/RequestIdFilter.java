package io.noterag.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the request id from the gateway (or makes one), puts it in the MDC so that every
 * log line carries it, and echoes it in the response.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** Request attribute holding the id for code outside the MDC's thread. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = RequestIds.keepOrCreate(request.getHeader(RequestIds.HEADER));
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(RequestIds.HEADER, id);
		MDC.put(RequestIds.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * The id of the request being served, from the MDC or the request attribute.
	 * @param request the current request, may be {@code null}
	 * @return the id, or {@code null} when there is none
	 */
	public static String current(HttpServletRequest request) {
		String id = MDC.get(RequestIds.MDC_KEY);
		if (id == null && request != null) {
			Object attribute = request.getAttribute(ATTRIBUTE);
			id = (attribute != null) ? attribute.toString() : null;
		}
		return id;
	}

}
