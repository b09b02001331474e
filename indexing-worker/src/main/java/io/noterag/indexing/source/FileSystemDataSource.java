package io.noterag.indexing.source;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.noterag.shared.source.AllowedRoots;
import io.noterag.shared.source.SourceTypes;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugin;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.InvalidSourceConfigException;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.SourceContext;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceUnavailableException;

/**
 * A folder of files as a data source: every listing is complete (so files that are gone
 * are deleted), each item is a file identified by its path relative to the folder, and
 * reading it checks again that it stays inside the allowed roots, is of an allowed type
 * and under the size limit. Item hints carry nothing: the item id and the configured
 * folder are enough to find a file again. Changes are recognised later by modification
 * time and content hash.
 */
public class FileSystemDataSource implements DataSourcePlugin<FileSystemConfig> {

	private final FileSystemSource files;

	public FileSystemDataSource(FileSystemSource files) {
		this.files = files;
	}

	@Override
	public String sourceType() {
		return SourceTypes.FILESYSTEM;
	}

	@Override
	public Set<PluginCapability> capabilities() {
		return Set.of(PluginCapability.DELETIONS);
	}

	@Override
	public FileSystemConfig configure(Map<String, Object> config) {
		Object path = config.get("path");
		if (!(path instanceof String text) || text.isBlank()) {
			throw new InvalidSourceConfigException("config.path", "A filesystem source needs 'path'.");
		}
		java.nio.file.Path folder;
		try {
			folder = this.files.resolveFolder(text);
		}
		catch (AllowedRoots.PathNotAllowedException ex) {
			throw new InvalidSourceConfigException("config.path", ex.getMessage());
		}
		Object isPrivate = config.get("private");
		if (isPrivate != null && !(isPrivate instanceof Boolean)) {
			throw new InvalidSourceConfigException("config.private", "'config.private' must be true or false.");
		}
		Object principals = config.get("principals");
		List<String> readers = new ArrayList<>();
		if (principals instanceof List<?> list) {
			list.forEach((principal) -> readers.add(String.valueOf(principal)));
		}
		else if (principals != null) {
			throw new InvalidSourceConfigException("config.principals",
					"'config.principals' must be a list such as [\"group:finance\"].");
		}
		return new FileSystemConfig(folder, Boolean.TRUE.equals(isPrivate), readers);
	}

	@Override
	public void authenticate(SourceContext<FileSystemConfig> source) {
		if (!Files.isDirectory(source.config().folder()) || !Files.isReadable(source.config().folder())) {
			throw new SourceUnavailableException("The folder '" + source.config().folder() + "' cannot be read.");
		}
	}

	@Override
	public ChangeSet fetchDocuments(SourceContext<FileSystemConfig> source, FetchFilters filters,
			Instant modifiedSince) {
		Listing listing;
		try {
			listing = this.files.list(source.config().folder());
		}
		catch (IOException ex) {
			throw new SourceUnavailableException("The folder could not be read: " + ex.getMessage(), ex);
		}
		List<ItemRef> items = listing.files()
			.stream()
			.map((file) -> new ItemRef(file.itemId(), file.fileName(), file.modifiedAt(),
					file.size() + "@" + file.modifiedAt().toEpochMilli(), Map.of()))
			.toList();
		List<io.noterag.shared.source.plugin.RejectedItem> rejected = listing.rejected()
			.stream()
			.map((item) -> new io.noterag.shared.source.plugin.RejectedItem(item.itemId(), item.reason()))
			.toList();
		return ChangeSet.full(items, rejected);
	}

	@Override
	public SourceItem getDocument(SourceContext<FileSystemConfig> source, ItemRef item) {
		SourceFile file;
		byte[] content;
		try {
			file = this.files.find(source.config().folder(), item.itemId());
			if (file == null) {
				return null;
			}
			content = this.files.read(file);
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return null;
		}
		catch (FileSystemSource.RejectedFileException ex) {
			throw new ItemException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new ItemException("cannot be read: " + ex.getMessage(), ex);
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("relative_path", file.itemId());
		metadata.put("file_name", file.fileName());
		metadata.put("size_bytes", (long) content.length);
		return new SourceItem(file.itemId(), file.fileName(), file.url(), file.fileName(), null, content,
				file.createdAt(), file.modifiedAt(), metadata, List.of());
	}

}
