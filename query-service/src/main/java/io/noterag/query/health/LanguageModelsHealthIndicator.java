package io.noterag.query.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code languageModels} health component: whether a language model is configured,
 * and each provider's name, type, model and circuit breaker state ({@code closed},
 * {@code open}, {@code half-open}). Always up: an open breaker means answers come from
 * the next provider or extractively, not that the service is down.
 */
@Component("languageModels")
class LanguageModelsHealthIndicator implements HealthIndicator {

	private final ObjectProvider<ChatGateway> chat;

	LanguageModelsHealthIndicator(ObjectProvider<ChatGateway> chat) {
		this.chat = chat;
	}

	@Override
	public Health health() {
		ChatGateway gateway = this.chat.getIfAvailable();
		boolean configured = gateway != null && gateway.configured();
		List<Map<String, String>> providers = (gateway != null)
				? gateway.providers().stream().map(LanguageModelsHealthIndicator::describe).toList() : List.of();
		return Health.up().withDetail("configured", configured).withDetail("providers", providers).build();
	}

	private static Map<String, String> describe(ChatProvider provider) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("name", provider.name());
		details.put("type", provider.type());
		details.put("model", provider.model());
		details.put("circuit_breaker", provider.circuitBreaker());
		return details;
	}

}
