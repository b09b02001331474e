package io.noterag.indexing.plugin.onenote.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a OneNote sync leaves for the next one: the ids of every page it listed, by
 * notebook, so that the next sync can tell which pages were deleted. Stored as
 * {@code onenote-pages:v1:} followed by the gzipped JSON in URL-safe base64 (page ids
 * share long prefixes, so this stays small: a few bytes per page).
 *
 * @param pagesByNotebook notebook id to the ids of its pages
 */
public record PageCursor(Map<String, List<String>> pagesByNotebook) {

	private static final String PREFIX = "onenote-pages:v1:";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, List<String>>> TYPE = new TypeReference<>() {
	};

	public PageCursor {
		Map<String, List<String>> copy = new TreeMap<>();
		pagesByNotebook.forEach((notebook, pages) -> copy.put(notebook, List.copyOf(pages)));
		pagesByNotebook = Collections.unmodifiableMap(copy);
	}

	/**
	 * Reads a cursor written by {@link #encode()}.
	 * @param cursor the stored cursor
	 * @return the cursor, or empty when it is absent or not one of ours
	 */
	public static Optional<PageCursor> decode(String cursor) {
		if (cursor == null || !cursor.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			byte[] zipped = Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length()));
			try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
				Map<String, List<String>> pages = JSON.readValue(in.readAllBytes(), TYPE);
				return Optional.of(new PageCursor(new LinkedHashMap<>(pages)));
			}
		}
		catch (IOException | IllegalArgumentException | JacksonException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Writes the cursor.
	 * @return the text to store
	 */
	public String encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(JSON.writeValueAsBytes(this.pagesByNotebook));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
	}

}
