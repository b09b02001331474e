package io.noterag.indexing.plugin.microsoft;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One page of a Graph collection.
 *
 * @param values the entries of {@code value}
 * @param nextLink {@code @odata.nextLink}, or {@code null} on the last page
 * @param deltaLink {@code @odata.deltaLink} on the last page of a delta query, else
 * {@code null}
 */
public record GraphPage(List<JsonNode> values, String nextLink, String deltaLink) {

	public GraphPage {
		values = List.copyOf(values);
	}

}
