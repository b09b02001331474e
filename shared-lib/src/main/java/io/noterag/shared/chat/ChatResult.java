package io.noterag.shared.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * A language model's answer and what it cost.
 *
 * @param text the answer; for a JSON request, the JSON text (without any Markdown code
 * fence the model put around it)
 * @param provider the name of the provider that answered, such as {@code openai} (see
 * {@code noterag.llm.providers[n].name})
 * @param model the model that answered, as configured
 * @param inputTokens the prompt's tokens as the provider counted them, 0 when it did not
 * say
 * @param outputTokens the answer's tokens as the provider counted them, 0 when it did not
 * say
 * @param costUsd what the call cost in US dollars, from the configured price table
 * ({@code noterag.llm.prices}); 0 for a model without a price and for an answer from the
 * cache
 * @param cached whether the answer came from the response cache rather than a provider
 * @param latency the time the call took, failed attempts and the cache lookup included
 */
public record ChatResult(String text, String provider, String model, long inputTokens, long outputTokens,
		double costUsd, boolean cached, Duration latency) {

	/**
	 * Checks the result.
	 * @param text the answer
	 * @param provider the provider's name
	 * @param model the model
	 * @param inputTokens the prompt's tokens
	 * @param outputTokens the answer's tokens
	 * @param costUsd the cost
	 * @param cached whether it came from the cache
	 * @param latency the call's duration
	 */
	public ChatResult {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(latency, "latency");
	}

	/**
	 * The prompt's and the answer's tokens together.
	 * @return the total
	 */
	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

	@Override
	public String toString() {
		// never print the answer: it may carry personal data
		return "ChatResult[provider=" + this.provider + ", model=" + this.model + ", inputTokens=" + this.inputTokens
				+ ", outputTokens=" + this.outputTokens + ", costUsd=" + this.costUsd + ", cached=" + this.cached
				+ ", latency=" + this.latency + ", text=" + this.text.length() + " chars]";
	}

}
