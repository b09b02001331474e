package io.noterag.document.source;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data source as the indexing worker reads it.
 *
 * @param id the source
 * @param type its type
 * @param name its display name
 * @param config its settings
 * @param ownerId the administrator who registered it
 * @param principals who may read what it indexes
 */
public record SourceDetails(UUID id, String type, String name, Map<String, Object> config, UUID ownerId,
		List<String> principals) {

}
