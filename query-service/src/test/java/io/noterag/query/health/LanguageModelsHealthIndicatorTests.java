package io.noterag.query.health;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.noterag.shared.chat.Cancellable;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatProvider;
import io.noterag.shared.chat.ChatRequest;
import io.noterag.shared.chat.ChatResult;
import io.noterag.shared.chat.ChatStreamListener;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageModelsHealthIndicatorTests {

	@Test
	void shouldStayUpWithEveryProvidersBreakerStateWhileOneIsOpen() {
		Health health = indicator(new Providers(List.of(new ChatProvider("openai", "openai", "gpt-4o-mini", "open"),
				new ChatProvider("anthropic", "anthropic", "claude-sonnet-4-5", "half-open"))))
			.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("configured", true);
		assertThat(health.getDetails().get("providers")).isEqualTo(
				List.of(Map.of("name", "openai", "type", "openai", "model", "gpt-4o-mini", "circuit_breaker", "open"),
						Map.of("name", "anthropic", "type", "anthropic", "model", "claude-sonnet-4-5",
								"circuit_breaker", "half-open")));
	}

	@Test
	void shouldSayNoModelIsConfigured() {
		Health health = indicator(new Providers(List.of())).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("configured", false).containsEntry("providers", List.of());
	}

	private static LanguageModelsHealthIndicator indicator(ChatGateway gateway) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("chatGateway", gateway);
		return new LanguageModelsHealthIndicator(beans.getBeanProvider(ChatGateway.class));
	}

	/** A gateway that only reports its providers. */
	private record Providers(List<ChatProvider> providers) implements ChatGateway {

		@Override
		public ChatResult complete(ChatRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Cancellable stream(ChatRequest request, ChatStreamListener listener) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean configured() {
			return !this.providers.isEmpty();
		}

	}

}
