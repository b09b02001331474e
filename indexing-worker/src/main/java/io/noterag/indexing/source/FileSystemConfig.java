package io.noterag.indexing.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of a filesystem source.
 *
 * @param folder the folder, a real path inside the allowed roots
 * @param privateSource whether only its owner may read what it indexes
 * @param principals further readers ({@code group:finance})
 */
public record FileSystemConfig(Path folder, boolean privateSource, List<String> principals) {

	public FileSystemConfig {
		principals = (principals != null) ? List.copyOf(principals) : List.of();
	}

}
