package io.noterag.shared.chat;

/**
 * Receives a streamed answer from {@link ChatGateway#stream}. The calls come from a
 * thread of the gateway, one at a time and in order: any number of
 * {@link #onToken(String)}, then exactly one of {@link #onComplete(ChatResult)} or
 * {@link #onError(Throwable)}, and nothing at all after the stream was cancelled. A
 * listener that throws from {@code onToken} cancels the stream.
 */
public interface ChatStreamListener {

	/**
	 * The next piece of the answer, as the provider sent it.
	 * @param token the text, never empty
	 */
	void onToken(String token);

	/**
	 * The answer is complete.
	 * @param result the whole answer with its token counts, cost and latency
	 */
	void onComplete(ChatResult result);

	/**
	 * The answer failed: a {@link ChatUnavailableException} when no provider could start
	 * it, or the provider's failure when the stream broke after tokens were delivered
	 * (the gateway never switches provider in the middle of an answer).
	 * @param error what went wrong; its message never contains an API key
	 */
	void onError(Throwable error);

}
