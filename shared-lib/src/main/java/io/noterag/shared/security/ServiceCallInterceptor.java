package io.noterag.shared.security;

import java.io.IOException;

import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import io.noterag.shared.web.RequestIds;

/**
 * Gives every outgoing call between services the request id and a token: the service
 * token for {@code /internal/**} paths and when no user is calling, the caller's own
 * token otherwise, so that the called service applies the caller's permissions.
 */
public class ServiceCallInterceptor implements ClientHttpRequestInterceptor {

	private final ServiceTokens serviceTokens;

	public ServiceCallInterceptor(ServiceTokens serviceTokens) {
		this.serviceTokens = serviceTokens;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null && !headers.containsHeader(RequestIds.HEADER)) {
			headers.set(RequestIds.HEADER, requestId);
		}
		if (!headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
			CurrentUser user = CurrentUser.current();
			boolean internal = request.getURI().getPath().startsWith("/internal/");
			String token = (internal || user == null) ? this.serviceTokens.token() : user.token();
			headers.setBearerAuth(token);
		}
		return execution.execute(request, body);
	}

}
