package io.noterag.query.ask;

/**
 * {@code POST /api/v2/documents/search}: documents ranked for a query by the same
 * retrieval as {@code /api/v2/query}. Checked by {@link QueryRequestValidator}.
 *
 * @param query what to search for, 1 to 1000 characters once trimmed
 * @param filters what to search in, as for a query
 * @param limit how many documents at most, 1 to 100 (default 10)
 * @param config retrieval settings as for a query ({@code top_k} does not apply;
 * {@code neighbor_chunks} is checked but does not apply; {@code mmr} chooses documents)
 */
public record DocumentSearchRequest(String query, DocumentFilters filters, Integer limit, RagConfig config) {
}
