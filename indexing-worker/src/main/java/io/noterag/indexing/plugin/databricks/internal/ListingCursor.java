package io.noterag.indexing.plugin.databricks.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The cursor a Databricks sync leaves for the next one: the ids of every item present at
 * the source when the listing was made, compressed. The next incremental listing reports
 * as deleted the ids that are gone since, and as changed every item that is new since
 * (whatever its modification time: a moved notebook keeps its {@code modified_at}).
 */
public final class ListingCursor {

	private static final String PREFIX = "dbx1:";

	private static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

	private ListingCursor() {
	}

	/**
	 * Writes the ids.
	 * @param ids the ids present at the source
	 * @return the cursor
	 */
	public static String encode(Collection<String> ids) {
		String joined = String.join("\n", new TreeSet<>(ids));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(joined.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
	}

	/**
	 * Reads the ids of a cursor written by {@link #encode}.
	 * @param cursor the cursor
	 * @return the ids, or empty when the cursor is not one of ours or cannot be read
	 */
	public static Optional<Set<String>> decode(String cursor) {
		if (cursor == null || !cursor.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			byte[] compressed = Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length()));
			try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
				byte[] decoded = gzip.readNBytes(MAX_DECODED_BYTES + 1);
				if (decoded.length > MAX_DECODED_BYTES) {
					return Optional.empty();
				}
				String text = new String(decoded, StandardCharsets.UTF_8);
				Set<String> ids = new LinkedHashSet<>();
				for (String id : text.split("\n")) {
					if (!id.isEmpty()) {
						ids.add(id);
					}
				}
				return Optional.of(ids);
			}
		}
		catch (IllegalArgumentException | IOException ex) {
			return Optional.empty();
		}
	}

}
