package io.noterag.indexing.job;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the work that writes the index, so that a data source deleted while one of
 * its syncs runs is removed after the sync, never under it.
 */
final class IndexWriteLock {

	private final ReentrantLock lock = new ReentrantLock(true);

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

}
