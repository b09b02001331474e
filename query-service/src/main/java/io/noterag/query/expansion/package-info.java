/**
 * Query expansion by the language model, for the retrieval techniques that search with
 * more than the question: the differently worded searches of {@code multi_query} and
 * {@code rag_fusion}, asked for in JSON mode ({@code {"queries": [...]}}), and the
 * hypothetical answer passage {@code hyde} embeds for dense retrieval. Both from
 * versioned prompts ({@code prompts/query-variants/}, {@code prompts/hyde/}). When the
 * model gives nothing usable, retrieval falls back to the rule-written variants, or to
 * the question itself, and says it is degraded.
 */
package io.noterag.query.expansion;
