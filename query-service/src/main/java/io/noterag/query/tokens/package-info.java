/**
 * Token counts of the configured language model: prompts are measured with the byte-pair
 * encoding of the model's family (JTokkit's {@code o200k_base} or {@code cl100k_base},
 * shipped inside the library) against the model's context window, and the history asked
 * of conversation-service is a share of that window. For families whose tokenizer JTokkit
 * does not have (Claude, Llama, Mistral, Qwen, ...) the count is {@code cl100k_base}'s
 * with a safety margin.
 */
package io.noterag.query.tokens;
