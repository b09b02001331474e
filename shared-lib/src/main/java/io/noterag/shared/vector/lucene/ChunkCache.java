package io.noterag.shared.vector.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.noterag.shared.vector.ChunkRecord;
import org.apache.lucene.index.IndexReader;

/**
 * The chunks a reader has read from the index, most recently used first, so that the
 * documents many searches return are not decompressed from stored fields every time (a
 * hundred stored documents cost a few milliseconds). Keyed by segment and document
 * number: a segment never changes, an update writes the chunk to a new segment, and the
 * entries of a segment that is merged away are no longer asked for and age out.
 * Thread-safe; a size of 0 caches nothing.
 */
final class ChunkCache {

	private final int capacity;

	private final ReentrantLock lock = new ReentrantLock();

	private final LinkedHashMap<Key, ChunkRecord> entries;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	ChunkCache(int capacity) {
		this.capacity = capacity;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, ChunkRecord> eldest) {
				return size() > ChunkCache.this.capacity;
			}

		};
	}

	/**
	 * The chunk of a document of a segment, read and kept when missing.
	 * @param segment the segment's core cache helper ({@code null} when the reader cannot
	 * be cached)
	 * @param doc the document number inside the segment
	 * @param read reads the chunk from stored fields
	 * @return the chunk
	 */
	ChunkRecord get(IndexReader.CacheHelper segment, int doc, Reader read) {
		if (this.capacity == 0 || segment == null) {
			return readNow(read);
		}
		Key key = new Key(segment.getKey(), doc);
		this.lock.lock();
		try {
			ChunkRecord cached = this.entries.get(key);
			if (cached != null) {
				this.hits.incrementAndGet();
				return cached;
			}
		}
		finally {
			this.lock.unlock();
		}
		this.misses.incrementAndGet();
		ChunkRecord chunk = readNow(read);
		this.lock.lock();
		try {
			this.entries.put(key, chunk);
		}
		finally {
			this.lock.unlock();
		}
		return chunk;
	}

	long hits() {
		return this.hits.get();
	}

	long misses() {
		return this.misses.get();
	}

	private static ChunkRecord readNow(Reader read) {
		try {
			return read.read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	interface Reader {

		ChunkRecord read() throws IOException;

	}

	private record Key(Object segment, int doc) {
	}

}
