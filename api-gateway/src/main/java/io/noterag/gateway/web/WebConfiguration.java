package io.noterag.gateway.web;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.web.RequestIds;

/**
 * Wires the request id filter, the guards and the problem-detail error handler, and
 * teaches Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) to carry the request id from the
 * Reactor context into the logging MDC on whatever thread runs the work.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayWebProperties.class)
public class WebConfiguration {

	static {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(RequestIds.MDC_KEY, () -> MDC.get(RequestIds.MDC_KEY),
					(value) -> MDC.put(RequestIds.MDC_KEY, value), () -> MDC.remove(RequestIds.MDC_KEY));
	}

	@Bean
	ProblemResponses problemResponses(JsonMapper jsonMapper) {
		return new ProblemResponses(jsonMapper);
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler(ProblemResponses problems) {
		return new ProblemExceptionHandler(problems);
	}

	@Bean
	RequestIdWebFilter requestIdWebFilter(ProblemExceptionHandler errors) {
		return new RequestIdWebFilter(errors);
	}

	@Bean
	RequestGuardWebFilter requestGuardWebFilter(ProblemResponses problems, GatewayWebProperties properties) {
		return new RequestGuardWebFilter(problems, properties.maxRequestSize());
	}

}
