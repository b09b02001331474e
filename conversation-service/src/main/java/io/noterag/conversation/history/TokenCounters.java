package io.noterag.conversation.history;

/**
 * The token counter for the model that will read a context.
 */
public interface TokenCounters {

	/**
	 * The counter of a model family: OpenAI models by their own encoding, other families
	 * (Claude, Llama, Mistral, Qwen, Gemma, Phi, DeepSeek, ... and names not recognised)
	 * estimated with {@code cl100k_base} times the configured safety factor.
	 * @param model the model's name as its provider spells it ({@code gpt-4o-mini},
	 * {@code claude-3-5-sonnet-latest}, {@code llama3.1:8b}), or {@code null} for the
	 * configured default tokenizer
	 * @return the counter, shared by every model counted the same way
	 */
	TokenCounter forModel(String model);

}
