package io.noterag.shared.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.noterag.shared.web.Problems;

/** 401 and 403 as problem details with the request id. */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String header = request.getHeader("Authorization");
		String detail = (header == null || header.isBlank()) ? "A bearer token is required."
				: "The bearer token is invalid or has expired.";
		response.setHeader("WWW-Authenticate", "Bearer");
		Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, request));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Problems.write(response,
				Problems.of(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this operation.", request));
	}

}
