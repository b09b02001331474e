package io.noterag.shared.chat.langchain4j;

import io.noterag.shared.chat.ChatResult;

/**
 * Where the gateway keeps answers to repeated requests. An implementation never throws:
 * when its store is unavailable it reports a miss and drops writes.
 */
public interface ChatResponseCache {

	/**
	 * Looks an answer up.
	 * @param key the request's hash
	 * @return the answer kept for it, or {@code null}
	 */
	ChatResult get(String key);

	/**
	 * Keeps an answer.
	 * @param key the request's hash
	 * @param result the answer
	 */
	void put(String key, ChatResult result);

}
